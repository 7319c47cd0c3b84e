import Canvas
import Curriculum
import Foundation
import Neural
import Testing
@testable import App

/// Every sentence of the attention lesson about the `transformer` widget, held by driving the widget
/// from the lesson's block as the sentence says.
@Suite("What the attention lesson says of its transformer widget")
struct TransformerLessonClaimsTests {
    static func host() throws -> WidgetHost {
        try LessonWidgetClaimTests.host(lesson: "attention", page: "A transformer learning to reverse", widget: "transformer")
    }

    static func state(_ host: WidgetHost) throws -> TransformerWidget {
        try #require(WidgetTesting.state(host, as: TransformerWidget.self))
    }

    /// The share of `examples` answered entirely right, worked here from the logits: the largest logit at
    /// every step the mask marks must be the target.
    static func accuracy(of network: Network, on examples: SequenceExamples) -> Double {
        let logits = network.predict(examples.inputs)
        let vocabulary = logits.columns / examples.steps
        var right = 0
        for n in 0..<examples.count {
            var all = true
            for t in 0..<examples.steps where examples.mask[n, t] != 0 {
                let row = (0..<vocabulary).map { logits[n, t * vocabulary + $0] }
                if row.firstIndex(of: row.max()!) != Int(examples.targets[n, t]) { all = false }
            }
            if all { right += 1 }
        }
        return Double(right) / Double(examples.count)
    }

    /// The largest focus of the two heads.
    static func focus(_ widget: TransformerWidget) -> Float { max(widget.focus(head: 0), widget.focus(head: 1)) }

    /// Plays until the widget has taken `steps` steps, one tick at a time.
    static func play(_ host: inout WidgetHost, until steps: Int) throws {
        if !(try state(host).isPlaying) { host.press(.character(" ")) }
        while try state(host).steps < steps { _ = host.update(.tick) }
    }

    /// "Before training, the rows are blurred, the model answers no question right and "right" reads 0 %.
    /// … the "focus" … starts below 0.3."
    @Test func beforeTrainingNothingIsRightAndTheRowsAreBlurred() throws {
        let host = try Self.host()
        let widget = try Self.state(host)
        #expect(widget.task == .reverse(digits: 4) && widget.steps == 0 && !widget.isPlaying)
        #expect(Self.accuracy(of: widget.network, on: widget.measured) == 0)
        #expect(widget.sequenceAccuracy == 0)
        #expect(host.text().joined(separator: "\n").contains("right: 0 % of 200"))
        #expect(Self.focus(widget) < 0.3, "\(widget.focus(head: 0)) \(widget.focus(head: 1))")
        // Every row of the heatmap is a softmax: it adds up to 1, and nothing goes to a later step.
        for head in widget.attention {
            for (t, row) in head.enumerated() {
                #expect(abs(row.reduce(0, +) - 1) < 1e-4)
                #expect(row[(t + 1)...].allSatisfy { $0 == 0 })
            }
        }
    }

    /// "Within 100 steps (under two seconds) it answers more than 95 % of the 200 questions … entirely
    /// right. … the focus climbs above 0.6 by step 100 and past 0.75 by step 600 … the bright cells of the
    /// answer rows line up on an anti-diagonal, each answer digit looking at the question digit it copies."
    @Test func itLearnsToReverseAndItsAttentionSharpensOnTheAntiDiagonal() throws {
        var host = try Self.host()
        try Self.play(&host, until: 100)
        var widget = try Self.state(host)
        #expect(widget.steps == 100)
        let measured = Self.accuracy(of: widget.network, on: widget.measured)
        #expect(measured > 0.95, "\(measured)")
        #expect(Self.focus(widget) > 0.6, "\(Self.focus(widget))")
        try Self.play(&host, until: 600)
        widget = try Self.state(host)
        #expect(abs(Double(widget.sequenceAccuracy) - Self.accuracy(of: widget.network, on: widget.measured)) < 1e-9)
        #expect(Self.focus(widget) > 0.75, "\(Self.focus(widget))")
        // Answer step j (reading "=" and then the answer so far) writes digit j of the reversed question,
        // which stands at step 3 − j: some head puts its largest weight there.
        for j in 0..<4 {
            let row = widget.questionLength - 1 + j
            let looked = widget.attention.map { weights in weights[row].indices.max { weights[row][$0] < weights[row][$1] }! }
            #expect(looked.contains(3 - j), "answer step \(j) looks at \(looked)")
        }
        #expect(widget.answer == widget.shownAnswer)
        let text = host.text().joined(separator: "\n")
        #expect(text.contains("right: \(NumberText.trimmed(Double(widget.sequenceAccuracy) * 100, decimals: 1)) % of 200"), "\(text)")
        #expect(text.contains("model     \(widget.shownAnswer.map { SequenceTask.symbols[$0] }.joined(separator: " "))  right"), "\(text)")
    }

    /// "`Space` trains, one step a frame (60 a second); `s` takes one step at a time." A frame never trains
    /// more than that one step.
    @Test func spaceTrainsOneStepAFrameAndSStepsOnce() throws {
        var host = try Self.host()
        host.press(.character(" "))
        #expect(try Self.state(host).isPlaying)
        for _ in 0..<WidgetClock.ticksPerSecond { _ = host.update(.tick) }
        #expect(try Self.state(host).steps == 60)
        host.press(.character("s"))
        var widget = try Self.state(host)
        #expect(widget.steps == 61 && !widget.isPlaying)
        _ = host.update(.tick)
        #expect(try Self.state(host).steps == 61, "paused, nothing trains")
        host.press(.character("r"))
        widget = try Self.state(host)
        #expect(widget.steps == 0 && !widget.isPlaying && widget.sequenceAccuracy == 0)
    }

    /// The widget drawn line by line at 80 columns: two heatmaps, then the panel beside them.
    @Test func theWidgetReadsLineByLine() throws {
        let host = try Self.host()
        let widget = try Self.state(host)
        let lines = host.text(width: 80, available: 30)
        #expect(lines[0].hasPrefix("┌─ ▸ a tiny transformer learning to reverse 4 digits"))
        let content = lines.dropFirst().map { String($0.dropFirst(2).dropLast(2)) }
        let symbols = widget.shownInputs.map { SequenceTask.symbols[$0] }
        #expect(symbols == ["3", "8", "1", "5", "=", "5", "1", "8"])
        #expect(widget.shownAnswer == [5, 1, 8, 3])
        #expect(content[0].hasPrefix("head 1, focus ") && content[0].dropFirst(22).hasPrefix("head 2, focus "))
        #expect(content[0].dropFirst(44).hasPrefix("step 0  paused"))
        #expect(content[1].hasPrefix("   " + symbols.map { $0 + " " }.joined()))
        #expect(content[1].dropFirst(44).hasPrefix("loss – nats a digit"))
        #expect(content[2].dropFirst(44).hasPrefix("right: 0 % of 200"))
        #expect(content[4].dropFirst(44).hasPrefix("question  " + symbols.prefix(5).joined(separator: " ")))
        // Row t starts with the symbol read at step t; its first cell is never blank (every step sees step 0).
        for t in 0..<8 {
            #expect(content[2 + t].hasPrefix(symbols[t]))
            #expect(content[2 + t].dropFirst(3).first != " ")
        }
        #expect(content[10].hasPrefix("rows read, columns are read from; darker takes more"))
        #expect(lines[lines.count - 2].contains("Space train") && lines[lines.count - 2].contains("s step"))
    }

    /// Without Unicode the shades are ASCII, and without colour nothing is tinted.
    @Test func asciiAndNoColour() throws {
        let host = try Self.host()
        let text = host.text(width: 80, available: 30, glyphs: .ascii, colors: .none).joined(separator: "\n")
        let isASCII = text.allSatisfy { $0.isASCII }
        #expect(isASCII, "\(text)")
        #expect(text.contains("#") || text.contains("+") || text.contains(":"))
        let buffer = host.render(width: 80, height: host.height(width: 80, available: 30), glyphs: .ascii, colors: .none, isFocused: true)
        for row in 0..<buffer.height {
            for column in 0..<buffer.width { #expect(buffer[column, row].style.foreground == .default) }
        }
    }
}

/// The widget on other settings: sorting, and six digits on a narrow page.
@Suite("The transformer widget's settings")
struct TransformerWidgetSettingsTests {
    @Test func sortShowsTheSortedAnswerAndSixDigitsPutThePanelUnderTheMaps() throws {
        let sort = try #require(WidgetTesting.state(WidgetTesting.host("transformer", ["task": .text("sort")]), as: TransformerWidget.self))
        #expect(sort.task == .sort(digits: 4) && sort.shownAnswer == [1, 3, 5, 8])
        let host = WidgetTesting.host("transformer", ["digits": .integer(6)])
        let six = try #require(WidgetTesting.state(host, as: TransformerWidget.self))
        #expect(six.shownInputs.count == 12 && six.shownAnswer == [2, 9, 5, 1, 8, 3])
        // Two maps of 30 columns leave no room for the panel in 72: it goes under them, every line whole.
        let lines = host.text(width: 76, available: 40)
        let content = lines.dropFirst().map { String($0.dropFirst(2).dropLast(2)) }
        #expect(content[0].trimmingCharacters(in: .whitespaces).hasSuffix("focus " + NumberText.fixed(Double(six.focus(head: 1)), decimals: 2)))
        #expect(content[15].hasPrefix("step 0  paused"))
        #expect(content.contains { $0.hasPrefix("question  3 8 1 5 9 2 =") })
    }
}
