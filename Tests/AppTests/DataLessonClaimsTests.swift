import Canvas
import Foundation
import Neural
import Testing
@testable import App

/// Every sentence of the data-preparation lesson that sends the learner to a widget, or quotes the
/// engine, held by driving the widget (or the engine) as the sentence says.
@Suite("What the data lesson says of its widgets")
struct DataLessonClaimsTests {
    static func scaling(_ host: WidgetHost) throws -> ScalingWidget {
        try #require(WidgetTesting.state(host, as: ScalingWidget.self))
    }

    /// Steps both walks until both stop (or 300 steps).
    static func run(_ host: inout WidgetHost) throws -> ScalingWidget {
        for _ in 0..<ScalingWidget.stepLimit {
            host.press(.enter)
            if try scaling(host).isFinished { break }
        }
        return try scaling(host)
    }

    /// "houses.csv:3:2: the cell is empty (a missing value): fill it in or delete the row"
    @Test func theLoaderNamesTheMissingCellAsThePageQuotes() throws {
        let text = "area,rooms,price\n120,4,310\n85,,240\n1292,5,330\n95,3,265\n"
        #expect(throws: CSVError.self) { try CSVLoader.parse(text, fileName: "houses.csv") }
        do {
            _ = try CSVLoader.parse(text, fileName: "houses.csv")
        } catch {
            #expect(error.description == "houses.csv:3:2: the cell is empty (a missing value): fill it in or delete the row")
        }
        // Line 4, the unit mix-up, loads without complaint once the gap is filled.
        let filled = try CSVLoader.parse(text.replacingOccurrences(of: "85,,240", with: "85,3,240"), fileName: "houses.csv")
        #expect(filled.count == 4 && filled.features[2, 0] == 1292)
    }

    /// "x₁ recorded ten times larger … The loss rises with w₁ a hundred times more steeply than with w₂."
    @Test func theRecordedFeatureMakesTheBowlAHundredTimesSteeper() throws {
        let widget = try Self.scaling(WidgetTesting.host("scaling"))
        // The curvature along each weight, ∂²L/∂w² = 2·mean(x²), by hand over the features.
        func curvature(_ features: Matrix, _ column: Int) -> Double {
            var sum = 0.0
            for row in 0..<features.rows { sum += Double(features[row, column]) * Double(features[row, column]) }
            return sum * 2 / Double(features.rows)
        }
        let raw = widget.raw.features, scaled = widget.scaled.features
        let ratio = curvature(raw, 0) / curvature(raw, 1)
        #expect(ratio > 80 && ratio < 125, "steepness ratio \(ratio)")
        let scaledRatio = curvature(scaled, 0) / curvature(scaled, 1)
        #expect(abs(scaledRatio - 1) < 1e-3, "standardised columns have equal spread: \(scaledRatio)")
        // The standardised columns: mean 0, spread 1, by hand.
        for column in 0..<2 {
            var sum = 0.0, squares = 0.0
            for row in 0..<scaled.rows { sum += Double(scaled[row, column]) }
            let mean = sum / Double(scaled.rows)
            for row in 0..<scaled.rows { squares += (Double(scaled[row, column]) - mean) * (Double(scaled[row, column]) - mean) }
            let variance = squares / Double(scaled.rows)
            #expect(abs(mean) < 1e-4)
            #expect(abs(variance - 1) < 1e-3)
        }
    }

    /// "On the left, η = 0.0005 needs more than 150 steps to get to the bottom; on the right, η = 0.25 gets
    /// there in 4. Press + to double both rates: the left walk diverges, while the right one gets there in
    /// one or two steps."
    @Test func theRawWalkCrawlsWhereTheStandardisedOneArrives() throws {
        var host = WidgetTesting.host("scaling")
        let first = try Self.run(&host)
        #expect(first.raw.learningRate == 0.0005 && first.scaled.learningRate == 0.25)
        guard case .converged(let rawSteps) = first.raw.status, case .converged(let scaledSteps) = first.scaled.status else {
            Issue.record("both walks reach the bottom: \(first.raw.status), \(first.scaled.status)")
            return
        }
        #expect(rawSteps > 150, "raw: \(rawSteps) steps")
        #expect(scaledSteps == 4, "standardised: \(scaledSteps) steps")
        host.press(.character("+"))
        let doubled = try Self.run(&host)
        #expect(doubled.raw.learningRate == 0.001 && doubled.scaled.learningRate == 0.5)
        #expect(doubled.raw.status == .diverged)
        guard case .converged(let fast) = doubled.scaled.status else {
            Issue.record("the standardised walk still arrives at η = 0.5")
            return
        }
        #expect(fast <= 2)
        // Every step is w − η·∂L/∂w with the gradient written out: 2·mean((w·x − y)·x).
        let panel = first.raw
        let x = panel.features, y = panel.targets
        for index in 0..<3 {
            let w = panel.path[index].map(Double.init)
            var gradient = [0.0, 0.0]
            let count = Double(x.rows)
            for row in 0..<x.rows {
                let x1 = Double(x[row, 0]), x2 = Double(x[row, 1]), target = Double(y[row, 0])
                let prediction: Double = w[0] * x1 + w[1] * x2
                let error: Double = prediction - target
                gradient[0] += 2 * error * x1 / count
                gradient[1] += 2 * error * x2 / count
            }
            let next = panel.path[index + 1].map(Double.init)
            let expected: [Double] = [w[0] - 0.0005 * gradient[0], w[1] - 0.0005 * gradient[1]]
            #expect(abs(next[0] - expected[0]) < 1e-5)
            #expect(abs(next[1] - expected[1]) < 1e-5)
        }
    }

    /// The panels read their rates, steps and verdicts; in ASCII nothing but ASCII.
    @Test func thePanelsReadLineByLine() throws {
        var host = WidgetTesting.host("scaling")
        for _ in 0..<4 { host.press(.enter) }
        let lines = host.text(width: 96, available: 20)
        #expect(lines.contains { $0.contains("as recorded") && $0.contains("standardised") })
        #expect(lines.contains { $0.contains("η = 0.0005  step 4") && $0.contains("η = 0.25  step 4") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("at the bottom after 4 steps") })
        #expect(lines.contains { $0.contains("walking: ") && $0.contains("% of the drop to go") })
        let ascii = host.text(width: 76, available: 20, glyphs: .ascii, colors: .none)
        #expect(ascii.allSatisfy { $0.allSatisfy(\.isASCII) }, "\(ascii.joined(separator: "\n"))")
        #expect(ascii.contains { $0.contains("lr = 0.0005") })
    }

    /// "Over the first 21 splits [the random row] gives from 1 to 7 sick patients. The stratified row reads
    /// 4 every time." Counted by hand from the sets the engine's splits make.
    @Test func theRandomRowWandersAndTheStratifiedOneHoldsFour() throws {
        var host = WidgetTesting.host("split", ["examples": .integer(200), "rare": .integer(20), "testFraction": .number(0.2)])
        host.press(.character(" "), .character(" "))
        let widget = try #require(WidgetTesting.state(host, as: SplitWidget.self))
        #expect(widget.randomCounts.count == 21)
        #expect(widget.stratifiedCounts.allSatisfy { $0 == 4 })
        #expect(widget.randomCounts.min() == 1 && widget.randomCounts.max() == 7, "\(widget.randomCounts)")
        // The random count by hand: the examples shuffled as the widget does, the last 40 kept for testing.
        for seed in UInt64(1)...21 {
            var random = RandomSource(seed: seed)
            var order = Array(0..<200)
            random.shuffle(&order)
            let test = order.suffix(40)
            #expect(widget.randomCounts[Int(seed) - 1] == test.filter { $0 < 20 }.count)
        }
        let lines = host.text(width: 96, available: 20)
        #expect(lines.contains { $0.contains("stratified  this split: 4 rare of 40   from 4 to 4 over 21 splits") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("in proportion it holds 4 rare ones") })
    }
}
