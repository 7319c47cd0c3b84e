import Canvas
import Neural
import Testing
@testable import App

/// Every sentence of the generalisation lesson that sends the learner to the `fit` widget, held by
/// driving the widget as the sentence says.
@Suite("What the generalisation lesson says of its widgets")
struct GeneralisationLessonClaimsTests {
    static func host(_ page: String, index: Int = 0) throws -> WidgetHost {
        try LessonWidgetClaimTests.host(lesson: "generalisation", page: page, widget: "fit", index: index)
    }

    /// Presses Space and ticks until the run stops by itself.
    static func play(_ host: inout WidgetHost) throws -> FitWidget {
        host.press(.character(" "))
        for _ in 0..<100_000 {
            guard try #require(WidgetTesting.state(host, as: FitWidget.self)).isAnimating else { break }
            _ = host.update(.tick)
        }
        let widget = try #require(WidgetTesting.state(host, as: FitWidget.self))
        #expect(!widget.isAnimating && widget.run.isDone)
        return widget
    }

    /// "The training loss falls and keeps falling, below 0.02. The validation loss falls with it at first …
    /// then it turns and climbs … The panel names the moment the gap opens, when the validation loss is more
    /// than twice the training loss. By epoch 2000 it is more than five times."
    @Test func sixtyFourNeuronsLearnTheNoise() throws {
        var host = try Self.host("Learning the noise")
        let start = try #require(WidgetTesting.state(host, as: FitWidget.self))
        #expect(start.settings.width == 64 && start.training.count == 12 && start.validation.count == 40)
        // 64 neurons: 64 weights and 64 biases in, 64 weights and 1 bias out.
        #expect(start.run.trainer.network.parameterCount == 193)
        let widget = try Self.play(&host)
        let history = widget.run.history
        #expect(history.count == 2000)
        let validation = history.map { $0.validationLoss! }
        let lowest = try #require(validation.indices.min { validation[$0] < validation[$1] })
        #expect(validation[lowest] < validation[0] && lowest < 1500, "the validation loss falls first, lowest at \(lowest + 1)")
        #expect(validation[1999] > 1.5 * validation[lowest], "then climbs: \(validation[lowest]) → \(validation[1999])")
        let last = try #require(widget.run.latest)
        #expect(last.training < 0.02, "training loss \(last.training)")
        #expect(last.validation > 5 * last.training, "\(last.validation) vs \(last.training)")
        let opened = try #require(widget.gapOpenedAt)
        let atOpening = history[opened - 1]
        #expect(atOpening.validationLoss! > 2 * atOpening.trainingLoss)
        #expect(history[opened - 2].validationLoss! <= 2 * history[opened - 2].trainingLoss || opened <= 20)
        guard case .overfitting = widget.verdict else {
            Issue.record("the panel should say overfitting, not \(widget.verdict)")
            return
        }
        let shown = host.text(width: 76).joined(separator: "\n")
        #expect(shown.contains("Overfitting") && shown.contains("since epoch \(opened)"), "\(shown)")
    }

    /// "It starts at one … the panel says underfitting. Press + once, for 2 neurons, and Space again: both
    /// losses fall close to what the noise alone costs (0.2² = 0.04) and stay together. Press + until it reads
    /// 64 and the gap opens again."
    @Test func capacityMovesTheNetworkFromUnderToOverfitting() throws {
        var host = try Self.host("Too simple, too flexible")
        let one = try Self.play(&host)
        #expect(one.settings.width == 1)
        #expect(one.verdict == .underfitting, "1 neuron: \(one.verdict), \(String(describing: one.run.latest))")
        #expect(one.training.count == 30 && one.noise == 0.2)
        host.press(.character("+"))
        let two = try Self.play(&host)
        #expect(two.settings.width == 2)
        #expect(two.verdict == .fitting, "2 neurons: \(two.verdict), \(String(describing: two.run.latest))")
        // The noise has standard deviation 0.2, so it alone costs about 0.2² = 0.04 in squared error.
        let losses = try #require(two.run.latest)
        #expect(losses.training > 0.02 && losses.training < 0.08 && losses.validation < 0.08, "\(losses)")
        for _ in 0..<5 { host.press(.character("+")) }
        let many = try Self.play(&host)
        #expect(many.settings.width == 64)
        guard case .overfitting = many.verdict else {
            Issue.record("64 neurons: \(many.verdict)")
            return
        }
    }

    /// Without Unicode or colour the widget still draws every part, in ASCII only, the curve told from the
    /// points by its glyph.
    @Test func theFitWidgetDrawsInASCIIWithoutColour() throws {
        var host = try Self.host("Learning the noise")
        host.press(.enter)
        let lines = host.text(width: 76, glyphs: .ascii, colors: .none)
        #expect(lines.allSatisfy { $0.allSatisfy(\.isASCII) }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("o training  O validation  * network") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("epoch 50 of 2000 * training loss") })
        let unicode = host.text(width: 76)
        #expect(unicode.contains { $0.contains("● training  ○ validation  ━ network") })
        #expect(unicode.contains { $0.contains("epoch 50 of 2000 · training loss") })
    }
}
