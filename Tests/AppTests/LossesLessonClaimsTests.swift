import Canvas
import Foundation
import Neural
import Testing
@testable import App

/// Every sentence of the losses lesson that sends the learner to a widget, held by driving the widget as
/// the sentence says. The expected numbers are worked by hand in the lesson text.
@Suite("What the losses lesson says of its widgets")
struct LossesLessonClaimsTests {
    static func host(_ page: String, _ widget: String) throws -> WidgetHost {
        try LessonWidgetClaimTests.host(lesson: "losses", page: page, widget: widget)
    }

    /// Presses Space and ticks until the run stops by itself.
    static func play(_ host: inout WidgetHost) throws -> LossesWidget {
        host.press(.character(" "))
        for _ in 0..<10_000 {
            guard try #require(WidgetTesting.state(host, as: LossesWidget.self)).isAnimating else { break }
            _ = host.update(.tick)
        }
        let widget = try #require(WidgetTesting.state(host, as: LossesWidget.self))
        #expect(!widget.isAnimating && widget.steps == LossesWidget.stepLimit)
        return widget
    }

    /// "The MSE line tilts towards the outliers until its slope w is below 0.1; the MAE line keeps w near 0.5;
    /// Huber ends between them. Press o … and Space again: all three lines find w ≈ 0.5."
    @Test func theOutliersTiltTheSquaredErrorLineOnly() throws {
        var host = try Self.host("Answers that are numbers", "losses")
        let start = try #require(WidgetTesting.state(host, as: LossesWidget.self))
        #expect(start.shape == .line && start.showsOutliers && start.features.rows == 23)
        let widget = try Self.play(&host)
        let mse = try #require(widget.fit(.mse)?.line), mae = try #require(widget.fit(.mae)?.line)
        let huber = try #require(widget.fit(.huber)?.line)
        #expect(mse.weight < 0.1, "MSE w = \(mse.weight)")
        #expect(abs(mae.weight - 0.5) < 0.1, "MAE w = \(mae.weight)")
        #expect(mse.weight < huber.weight && huber.weight < mae.weight, "Huber w = \(huber.weight)")

        host.press(.character("o"))
        let clean = try Self.play(&host)
        #expect(!clean.showsOutliers && clean.features.rows == 20)
        for loss in RegressionLoss.allCases {
            let line = try #require(clean.fit(loss)?.line)
            #expect(abs(line.weight - 0.5) < 0.06, "\(loss) w = \(line.weight)")
        }
    }

    /// The line fitted by least squares, worked without the engine: under MSE the straight line must end there.
    @Test func theSquaredErrorLineIsTheLeastSquaresLine() throws {
        var host = try Self.host("Answers that are numbers", "losses")
        let widget = try Self.play(&host)
        let x: [Double] = widget.features.elements.map(Double.init), y: [Double] = widget.targets.elements.map(Double.init)
        let meanX: Double = x.reduce(0, +) / Double(x.count), meanY: Double = y.reduce(0, +) / Double(y.count)
        var covariance: Double = 0, variance: Double = 0
        for (input, output) in zip(x, y) {
            covariance += (input - meanX) * (output - meanY)
            variance += (input - meanX) * (input - meanX)
        }
        let slope = covariance / variance
        let line = try #require(widget.fit(.mse)?.line)
        #expect(abs(Double(line.weight) - slope) < 0.02, "engine \(line.weight), least squares \(slope)")
        #expect(abs(Double(line.bias) - (meanY - slope * meanX)) < 0.02)
    }

    /// "at x = 1.7 [the MSE curve] reads below 0.3, while the MAE curve stays within 0.2 of sin 1.7 = 0.99";
    /// and `d` switches between the line and the sine.
    @Test func theSquaredErrorCurveChasesTheOutliers() throws {
        var host = try Self.host("How hard an error pulls", "losses")
        let widget = try Self.play(&host)
        #expect(widget.shape == .sine && widget.features.rows == 43)
        let mse = try #require(widget.fit(.mse)).predictions([1.7])[0]
        let mae = try #require(widget.fit(.mae)).predictions([1.7])[0]
        #expect(mse < 0.3, "MSE at 1.7: \(mse)")
        #expect(abs(mae - sin(1.7)) < 0.2, "MAE at 1.7: \(mae)")
        host.press(.character("d"))
        #expect(try #require(WidgetTesting.state(host, as: LossesWidget.self)).shape == .line)
    }

    /// "starts at z = −4 with a target of 1: a = 0.018 … squared error's gradient is −0.035, cross-entropy's
    /// −0.982: it pushes z 28.3 times harder … at z = 4 the answer is right and both gradients are small."
    @Test func theConfidentMistakeIsTheWorkedOne() throws {
        var host = try Self.host("Why not squared error for classes?", "classloss")
        var widget = try #require(WidgetTesting.state(host, as: ClassLossWidget.self))
        // By hand: σ(−4) = 1/(1 + e⁴) = 0.017986; 2(a − 1)·a(1 − a) = −0.034692; a − 1 = −0.982014.
        #expect(widget.z == -4 && widget.target == 1 && widget.isMistake)
        #expect(abs(widget.output - 0.017986) < 1e-5)
        #expect(abs(widget.squaredError.gradient - -0.034692) < 1e-5)
        #expect(abs(widget.crossEntropy.gradient - -0.982014) < 1e-5)
        let shown = host.text(width: 76).joined(separator: "\n")
        #expect(shown.contains("−0.035") && shown.contains("−0.982") && shown.contains("28.3 times harder"), "\(shown)")
        for _ in 0..<16 { host.press(.right) }
        widget = try #require(WidgetTesting.state(host, as: ClassLossWidget.self))
        #expect(widget.z == 4 && !widget.isMistake)
        #expect(abs(widget.squaredError.gradient) < 0.001 && abs(widget.crossEntropy.gradient) < 0.02)
        host.press(.character("t"))
        #expect(try #require(WidgetTesting.state(host, as: ClassLossWidget.self)).isMistake)
        // "it always gives the same probability": at every z the arrows reach, worked from e^z / (e^z + 1).
        for _ in 0..<40 { host.press(.left) }
        for _ in 0...32 {
            let state = try #require(WidgetTesting.state(host, as: ClassLossWidget.self))
            let byHand = Foundation.exp(Double(state.z)) / (Foundation.exp(Double(state.z)) + 1)
            #expect(abs(Double(state.softmaxShare) - byHand) < 1e-6 && abs(Double(state.output) - byHand) < 1e-6, "z = \(state.z)")
            host.press(.right)
        }
    }

    /// The rendered widgets, line by line, in Unicode with colour and in ASCII without.
    @Test func theLossesWidgetDrawsItsReadoutLines() throws {
        var host = try Self.host("Answers that are numbers", "losses")
        _ = try Self.play(&host)
        let widget = try #require(WidgetTesting.state(host, as: LossesWidget.self))
        let lines = host.text(width: 76)
        let mse = try #require(widget.fit(.mse)?.line)
        let expected = "MSE   w = \(WidgetText.number(mse.weight, glyphs: .unicode))"
        #expect(lines.contains { $0.contains(expected) }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("without noise: w = 0.50, b = 0.00") })
        #expect(lines.contains { $0.contains("step 600 of 600 · 3 outliers at y = −3") })
        #expect(lines.contains { $0.contains("● data") && $0.contains("MSE") && $0.contains("MAE") && $0.contains("Huber") })
        let ascii = host.text(width: 76, glyphs: .ascii, colors: .none)
        #expect(ascii.allSatisfy { $0.allSatisfy(\.isASCII) }, "\(ascii.joined(separator: "\n"))")
        #expect(ascii.contains { $0.contains("o data") && $0.contains("* MSE") && $0.contains("+ MAE") && $0.contains("~ Huber") })
        #expect(ascii.contains { $0.contains("step 600 of 600 * 3 outliers at y = -3") })
    }

    /// The classloss widget's content, line by line, with the numbers worked by hand above: the losses are
    /// (0.018 − 1)² = 0.964 and −log 0.018 = 4.018; the bars are |∂L/∂z| of 35 columns.
    @Test func theClassLossWidgetDrawsEveryLine() throws {
        let host = try Self.host("Why not squared error for classes?", "classloss")
        let lines = host.text(width: 76).map { line -> String in
            var content = String(line.dropFirst(2).prefix(72))
            while content.last == " " { content.removeLast() }
            return content
        }
        let full = String(repeating: "█", count: 34)
        #expect(Array(lines[1...8]) == [
            "z = −4.00   a = σ(z) = 0.018   target y = 1   a mistake",
            "",
            "                     loss     ∂L/∂z",
            "squared error       0.964    −0.035  █",
            "cross-entropy       4.018    −0.982  " + full,
            "",
            "Cross-entropy pushes z 28.3 times harder than squared error.",
            "softmax over two outputs with scores (z, 0): p = 0.018, the same as σ(z)",
        ], "\(lines.joined(separator: "\n"))")
        let ascii = host.text(width: 76, glyphs: .ascii, colors: .none)
        #expect(ascii.contains { $0.contains("z = -4.00   a = s(z) = 0.018   target y = 1   a mistake") }, "\(ascii.joined(separator: "\n"))")
        #expect(ascii.contains { $0.contains("cross-entropy       4.018    -0.982  " + String(repeating: "#", count: 34)) })
    }
}
