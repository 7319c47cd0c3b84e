import Canvas
import Curriculum
import Foundation
import Neural
import Testing
@testable import App

/// What the attention lesson says of its `namewriter` widget, held by driving the widget from the lesson's block.
@Suite("What the attention lesson says of its names widget")
struct NameWriterLessonClaimsTests {
    static func host() throws -> WidgetHost {
        try LessonWidgetClaimTests.host(lesson: "attention", page: "Writing names", widget: "namewriter")
    }

    static func state(_ host: WidgetHost) throws -> NameWriterWidget {
        try #require(WidgetTesting.state(host, as: NameWriterWidget.self))
    }

    /// Every name of the bundled list, to tell a name the model copied from one it made up.
    static let knownNames: Set<String> = {
        Set(((try? TextCorpus.names())?.lines ?? []).map(\.text))
    }()

    /// The letter-pair table's loss, worked here from counts: (count(a→b) + 1) / (count(a→·) + 27) over
    /// the first 8,192 names, scored on the last 500 (the start and the end of a name count as a symbol).
    static func letterPairLoss() throws -> Double {
        let lines = try TextCorpus.names().lines.map(\.text)
        var pairs: [String: Int] = [:], firsts: [String: Int] = [:]
        let symbols = Set(lines.joined()).count + 1
        for name in lines.prefix(8192) {
            let letters = ["^"] + name.map(String.init) + ["$"]
            for (a, b) in zip(letters, letters.dropFirst()) { pairs[a + b, default: 0] += 1; firsts[a, default: 0] += 1 }
        }
        var total = 0.0, count = 0
        for name in lines.suffix(500) {
            let letters = ["^"] + name.map(String.init) + ["$"]
            for (a, b) in zip(letters, letters.dropFirst()) {
                total -= log(Double(pairs[a + b, default: 0] + 1) / Double(firsts[a, default: 0] + symbols))
                count += 1
            }
        }
        return total / Double(count)
    }

    /// "Before training its loss is above 3.3 nats a letter, worse than a uniform guess among the 28
    /// symbols, and it writes strings of random letters. … within 120 steps (two seconds) its loss on
    /// 500 names it never trains on falls below the letter-pair table's 2.49."
    @Test func itBeatsTheLetterPairTableWithin120Steps() throws {
        var host = try Self.host()
        var widget = try Self.state(host)
        #expect(widget.heldOutLoss > Float(log(28.0)), "\(widget.heldOutLoss)")
        #expect(abs(widget.letterPairLoss - (try Self.letterPairLoss())) < 1e-6, "\(widget.letterPairLoss)")
        #expect(NumberText.fixed(widget.letterPairLoss, decimals: 2) == "2.49")
        #expect(widget.names.count == 8 && widget.names.filter(Self.knownNames.contains).isEmpty, "\(widget.names)")
        host.press(.character(" "))
        for _ in 0..<60 { _ = host.update(.tick) }
        widget = try Self.state(host)
        #expect(widget.steps == 120 && widget.isPlaying)
        #expect(Double(widget.heldOutLoss) < widget.letterPairLoss, "\(widget.heldOutLoss)")
        let text = host.text().joined(separator: "\n")
        #expect(text.contains("held-out loss \(NumberText.fixed(Double(widget.heldOutLoss), decimals: 2)) nats a letter   letter pairs 2.49"), "\(text)")
        for name in widget.names { #expect(text.contains(name)) }
    }

    /// "`Enter` writes eight more; `+` and `-` change the temperature. At 0.2 most of what it writes are
    /// names from the list; at 2.0 hardly any."
    @Test func enterWritesMoreAndTheTemperatureChangesWhatItWrites() throws {
        var host = try Self.host()
        host.press(.character(" "))
        for _ in 0..<300 { _ = host.update(.tick) }
        host.press(.character(" "))
        var widget = try Self.state(host)
        #expect(widget.temperature == 0.8 && !widget.isPlaying)
        let first = widget.names
        host.press(.enter)
        widget = try Self.state(host)
        #expect(widget.names.count == 8 && widget.names != first && widget.steps == 600)
        for _ in 0..<3 { host.press(.character("-")) }
        widget = try Self.state(host)
        #expect(widget.temperature == 0.2)
        let cold = widget.names.filter(Self.knownNames.contains).count
        #expect(cold >= 5, "\(widget.names)")
        #expect(host.text().joined(separator: "\n").contains("temperature 0.2"))
        for _ in 0..<6 { host.press(.character("+")) }
        widget = try Self.state(host)
        #expect(widget.temperature == 2.0)
        let hot = widget.names.filter(Self.knownNames.contains).count
        #expect(hot <= 2, "\(widget.names)")
    }

    /// `r` goes back to the untrained model and the lesson's temperature.
    @Test func resetStartsOver() throws {
        var host = try Self.host()
        let start = try Self.state(host)
        host.press(.character(" "))
        for _ in 0..<5 { _ = host.update(.tick) }
        host.press(.character("+"), .character("r"))
        #expect(try Self.state(host) == start)
    }
}
