import Canvas
import Neural
import Testing
@testable import App

/// Every sentence of the regularisation lesson that sends the learner to a widget, held by driving the
/// widget as the sentence says.
@Suite("What the regularisation lesson says of its widgets")
struct RegularisationLessonClaimsTests {
    static func host(_ page: String, _ widget: String = "fit") throws -> WidgetHost {
        try LessonWidgetClaimTests.host(lesson: "regularisation", page: page, widget: widget)
    }

    static func play(_ host: inout WidgetHost) throws -> FitWidget {
        try GeneralisationLessonClaimsTests.play(&host)
    }

    /// "without a penalty the largest weight grows past 2 and the gap opens wide. Press l twice for λ = 0.01
    /// and Space again: … the largest weight stays below 1.5, and the validation loss ends near 0.11 instead of
    /// 0.15. Press l once more, for λ = 0.1 … the training and validation losses both end higher than at 0.01."
    @Test func anL2PenaltyKeepsTheWeightsSmallAndClosesTheGap() throws {
        var host = try Self.host("Smaller weights: L2")
        let plain = try Self.play(&host)
        #expect(plain.settings.l2 == 0 && plain.showsWeights)
        let plainLargest = plain.run.weights.map(abs).max() ?? 0
        #expect(plainLargest > 2, "largest |w| \(plainLargest)")
        guard case .overfitting = plain.verdict else {
            Issue.record("without a penalty: \(plain.verdict)")
            return
        }
        let plainValidation = try #require(plain.run.latest).validation
        #expect(abs(plainValidation - 0.15) < 0.01, "\(plainValidation)")
        host.press(.character("l"), .character("l"))
        let penalised = try Self.play(&host)
        #expect(penalised.settings.l2 == 0.01)
        let largest = penalised.run.weights.map(abs).max() ?? 0
        #expect(largest < 1.5, "largest |w| \(largest)")
        let validation = try #require(penalised.run.latest).validation
        #expect(abs(validation - 0.11) < 0.01, "\(validation)")
        let lines = host.text(width: 76)
        #expect(lines.contains { $0.contains("128 weights") && $0.contains("largest |w| \(WidgetText.number(largest, glyphs: .unicode))") },
                "\(lines.joined(separator: "\n"))")
        let middle = try #require(penalised.run.latest)
        host.press(.character("l"))
        let strong = try Self.play(&host)
        #expect(strong.settings.l2 == 0.1)
        let high = try #require(strong.run.latest)
        #expect(high.training > middle.training && high.validation > middle.validation, "\(high) vs \(middle)")
    }

    /// "Press it three times, for λ = 0.1, and Space: most of the 128 weights … pile up within 0.01 of 0".
    @Test func anL1PenaltySetsMostWeightsToZero() throws {
        var host = try Self.host("Weights at zero: L1")
        host.press(.character("a"), .character("a"), .character("a"))
        let widget = try Self.play(&host)
        #expect(widget.settings.l1 == 0.1)
        let weights = widget.run.weights
        #expect(weights.count == 128)
        let nearZero = weights.filter { abs($0) < 0.01 }.count
        #expect(nearZero > 64, "\(nearZero) of 128 near 0")
        let lines = host.text(width: 76)
        #expect(lines.contains { $0.contains("\(nearZero) within 0.01 of 0") }, "\(lines.joined(separator: "\n"))")
        // "So few are left that the curve is too simple, and the panel says underfitting".
        #expect(widget.verdict == .underfitting, "\(widget.verdict)")
    }

    /// "It starts at 0.5: … about half of the 64 dropped each step, a different half each time. The curve is
    /// drawn with every neuron, as at evaluation."
    @Test func dropoutDropsAboutHalfEachStepAndNoneAtEvaluation() throws {
        var host = try Self.host("Dropout")
        var seen: [[Bool]] = []
        for _ in 0..<4 {
            host.press(.enter)
            let widget = try #require(WidgetTesting.state(host, as: FitWidget.self))
            let kept = try #require(widget.run.keptNeurons)
            #expect(kept.count == 64)
            let dropped = kept.filter { !$0 }.count
            #expect(dropped > 16 && dropped < 48, "\(dropped) dropped")
            seen.append(kept)
            let shown = host.text(width: 76).joined(separator: "\n")
            let marks = kept.prefix(32).map { $0 ? "●" : "·" }.joined()
            #expect(shown.contains("dropout 0.5, next step drops \(dropped) of 64: \(marks)"), "\(shown)")
        }
        #expect(Set(seen.map { $0.map { $0 ? "1" : "0" }.joined() }).count == 4, "a different set each time")
        // Evaluation drops nothing: the same inputs give the same curve every time.
        let widget = try #require(WidgetTesting.state(host, as: FitWidget.self))
        #expect(widget.settings.dropout == 0.5)
        #expect(widget.run.predictions([0.5, 1]) == widget.run.predictions([0.5, 1]))
        // "so is the training loss the widget reports": the training loss with every neuron, worked here on a
        // copy of the network in evaluation mode with the plain mean of squared errors.
        let outputs = widget.run.predictions(widget.training.features.elements)
        let targets = widget.training.targets.elements
        let byHand = zip(outputs, targets).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Float(targets.count)
        let reported = try #require(widget.run.latest).training
        #expect(abs(reported - byHand) < 1e-4, "reported \(reported), with every neuron \(byHand)")
        #expect(widget.run.trainingLosses.count == widget.run.epoch)
        host.press(.character("p"))
        #expect(try #require(WidgetTesting.state(host, as: FitWidget.self)).settings.dropout == 0)
    }

    /// "it stops long before epoch 2000, says at which epoch it stopped and which it went back to, and marks
    /// that epoch on the validation curve. Press e to turn early stopping off".
    @Test func earlyStoppingStopsAndGoesBackToTheBestEpoch() throws {
        var host = try Self.host("Early stopping")
        let widget = try Self.play(&host)
        let stop = try #require(widget.run.stoppedAt)
        #expect(stop.stopped < 1500 && stop.stopped - stop.best == 100, "\(stop)")
        let validation = widget.run.history.map { $0.validationLoss! }
        #expect(validation.min() == validation[stop.best - 1])
        let shown = host.text(width: 76).joined(separator: "\n")
        #expect(shown.contains("Stopped early at epoch \(stop.stopped)") && shown.contains("epoch \(stop.best)."), "\(shown)")
        #expect(shown.contains("kept"), "the chart's cursor names the kept epoch: \(shown)")
        host.press(.character("e"))
        let full = try Self.play(&host)
        #expect(full.settings.patience == nil && full.run.epoch == 2000)
    }

    /// "moved a pixel right and a pixel down, turned 10° each way, and a random mix … → for another digit and
    /// Enter for a new random copy. Every copy keeps the label of the original."
    @Test func theAugmentedDigitsAreTheSameDigitMoved() throws {
        var host = try Self.host("More data: augmentation", "augment")
        let widget = try #require(WidgetTesting.state(host, as: AugmentWidget.self))
        let copies = widget.copies
        #expect(copies.map(\.name) == ["original", "right 1", "down 1", "−10°", "+10°", "random 1"])
        let original = copies[0].pixels, right = copies[1].pixels, down = copies[2].pixels
        for row in 0..<8 {
            #expect(right[row * 8] == 0)
            for column in 0..<7 { #expect(right[row * 8 + column + 1] == original[row * 8 + column]) }
        }
        for column in 0..<8 {
            #expect(down[column] == 0)
            for row in 0..<7 { #expect(down[(row + 1) * 8 + column] == original[row * 8 + column]) }
        }
        #expect(copies[3].pixels != original && copies[4].pixels != original)
        host.press(.enter)
        let next = try #require(WidgetTesting.state(host, as: AugmentWidget.self))
        #expect(next.copies[5].name == "random 2" && next.copies[5].pixels != copies[5].pixels)
        host.press(.right)
        let other = try #require(WidgetTesting.state(host, as: AugmentWidget.self))
        #expect(other.index == 1 && other.copies[0].pixels != original)
        let otherLabel = try #require(other.label)
        let lines = host.text(width: 76)
        #expect(lines.contains { $0.contains("label \(otherLabel): the network is told each copy is a \(otherLabel)") },
                "\(lines.joined(separator: "\n"))")
        let ascii = host.text(width: 76, glyphs: .ascii, colors: .none)
        #expect(ascii.allSatisfy { $0.allSatisfy(\.isASCII) }, "\(ascii.joined(separator: "\n"))")
    }
}
