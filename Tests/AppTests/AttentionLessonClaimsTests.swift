import Canvas
import Curriculum
import Foundation
import Neural
import Testing
@testable import App

/// Every sentence of the attention lesson that sends the learner to the `attention` widget, held by
/// driving the widget from the lesson's own blocks; the numbers are worked here from the formula
/// softmax(q·k/√d) with the lesson's table of q, k and v, not read back from the widget.
@Suite("What the attention lesson says of its attention widget")
struct AttentionLessonClaimsTests {
    /// The lesson's table, written out by hand.
    static let queries: [[Double]] = [[0, 1], [2, 0], [2, 1], [-2, 1]]
    static let keys: [[Double]] = [[1, 0], [0, 1], [1, 1], [1, -1]]
    static let values: [[Double]] = [[1, 0], [0, 1], [1, 1], [1, -1]]

    /// Word t's weights by the published formula, with or without the causal mask.
    static func weights(query t: Int, causal: Bool) -> [Double] {
        let seen = causal ? 0...t : 0...3
        let scores = seen.map { s in (queries[t][0] * keys[s][0] + queries[t][1] * keys[s][1]) / 2.0.squareRoot() }
        let exponentials = scores.map { Foundation.exp($0) }
        let total = exponentials.reduce(0, +)
        return (0..<4).map { s in seen.contains(s) ? exponentials[s - seen.lowerBound] / total : 0 }
    }

    static func output(query t: Int, causal: Bool) -> [Double] {
        let w = weights(query: t, causal: causal)
        return (0..<2).map { i in (0..<4).reduce(0) { $0 + w[$1] * values[$1][i] } }
    }

    static func state(_ host: WidgetHost) throws -> AttentionWidget {
        try #require(WidgetTesting.state(host, as: AttentionWidget.self))
    }

    static func text(_ host: WidgetHost, glyphs: GlyphSet = .unicode) -> String {
        host.text(width: 76, available: 30, glyphs: glyphs).joined(separator: "\n")
    }

    @Test func theEngineGivesTheFormulasWeightsForEveryWordWithAndWithoutTheMask() throws {
        for causal in [true, false] {
            let (weights, outputs) = AttentionWidget.attend(isCausal: causal)
            for t in 0..<4 {
                let expected = Self.weights(query: t, causal: causal)
                for s in 0..<4 { #expect(abs(Double(weights[t][s]) - expected[s]) < 1e-5, "P[\(t)][\(s)] causal \(causal)") }
                let output = Self.output(query: t, causal: causal)
                for i in 0..<2 { #expect(abs(Double(outputs[t][i]) - output[i]) < 1e-5) }
            }
        }
        // The table the lesson prints is the widget's q = W_q·x, k = W_k·x, v = W_v·x.
        #expect(AttentionWidget.queries.map { $0.map(Double.init) } == Self.queries)
        #expect(AttentionWidget.keys.map { $0.map(Double.init) } == Self.keys)
        #expect(AttentionWidget.values.map { $0.map(Double.init) } == Self.values)
    }

    /// "it starts on "sat" and shows the three scores 1.41, 0.71 and 2.12, the weights 0.28, 0.14 and 0.58,
    /// and the output (0.86, 0.72)."
    @Test func itStartsOnSatWithTheWorkedNumbers() throws {
        let host = try LessonWidgetClaimTests.host(lesson: "attention", page: "Queries, keys and values", widget: "attention")
        let widget = try Self.state(host)
        #expect(widget.query == 2 && widget.isCausal)
        let expected = Self.weights(query: 2, causal: true)
        #expect(expected.map { ($0 * 100).rounded() / 100 } == [0.28, 0.14, 0.58, 0])
        let output = Self.output(query: 2, causal: true)
        #expect(output.map { ($0 * 100).rounded() / 100 } == [0.86, 0.72])
        let text = Self.text(host)
        #expect(text.contains("query: sat, q = (2, 1)"), "\(text)")
        #expect(text.contains("(2·1 + 1·0) / 1.41 = 1.41") && text.contains("(2·0 + 1·1) / 1.41 = 0.71")
                && text.contains("(2·1 + 1·1) / 1.41 = 2.12"), "\(text)")
        #expect(text.contains("output = 0.28·(1, 0) + 0.14·(0, 1) + 0.58·(1, 1) = (0.86, 0.72)"), "\(text)")
    }

    /// "`←` and `→` (or `Enter`) move to another word."
    @Test func theArrowsAndEnterMoveTheQuery() throws {
        var host = try LessonWidgetClaimTests.host(lesson: "attention", page: "Queries, keys and values", widget: "attention")
        host.press(.right)
        #expect(try Self.state(host).query == 3)
        #expect(Self.text(host).contains("query: down, q = (−2, 1)"))
        host.press(.enter)
        #expect(try Self.state(host).query == 0)
        host.press(.left, .left)
        #expect(try Self.state(host).query == 2)
    }

    /// "`c` turns the mask off. "down" gets the score … 0.71 and the weights of "sat" become 0.25, 0.12,
    /// 0.51 and 0.12; the output moves to (0.88, 0.51). With the mask on, the bottom table has zeros above
    /// its diagonal; without it, none. … "the" … weight 1.00, and its output is its own value (1, 0)."
    @Test func cTurnsTheMaskOffAndTheNumbersChange() throws {
        var host = try LessonWidgetClaimTests.host(lesson: "attention", page: "The causal mask", widget: "attention")
        var widget = try Self.state(host)
        #expect(widget.query == 0 && widget.isCausal)
        let first = Self.text(host)
        #expect(first.contains("output = 1.00·(1, 0) = (1.00, 0.00)"), "\(first)")
        for t in 0..<3 { for s in (t + 1)..<4 { #expect(widget.weights[t][s] == 0, "P[\(t)][\(s)]") } }
        host.press(.character("c"), .right, .right)
        widget = try Self.state(host)
        #expect(!widget.isCausal && widget.query == 2)
        let expected = Self.weights(query: 2, causal: false)
        #expect(expected.map { ($0 * 100).rounded() / 100 } == [0.25, 0.12, 0.51, 0.12])
        #expect(Self.output(query: 2, causal: false).map { ($0 * 100).rounded() / 100 } == [0.88, 0.51])
        let text = Self.text(host)
        #expect(text.contains("(2·1 + 1·(−1)) / 1.41 = 0.71"), "\(text)")
        #expect(text.contains("│ output = 0.25·(1, 0) + 0.12·(0, 1) + 0.51·(1, 1) + 0.12·(1, −1)  "), "\(text)")
        #expect(text.contains("│        = (0.88, 0.51)  "), "\(text)")
        for t in 0..<4 { for s in 0..<4 { #expect(widget.weights[t][s] > 0, "no zeros without the mask: P[\(t)][\(s)]") } }
        host.press(.character("c"))
        #expect(try Self.state(host).isCausal)
    }

    /// The widget drawn line by line at 76 columns.
    @Test func theWidgetReadsLineByLine() throws {
        let host = WidgetTesting.host("attention")
        let lines = host.text(width: 80, available: 30)
        #expect(lines[0].hasPrefix("┌─ ▸ attention: one head over \"the cat sat down\""))
        let content = lines.dropFirst().map { String($0.dropFirst(2).dropLast(2)).replacingOccurrences(of: " +$", with: "", options: .regularExpression) }
        #expect(content[0] == "causal mask on: each word sees itself and the words before it")
        #expect(content[1] == "word  x         query q   key k     value v")
        #expect(content[2] == "the   (1, 0)    (0, 1)    (1, 0)    (1, 0)")
        #expect(content[5] == "down  (1, −1)   (−2, 1)   (1, −1)   (1, −1)")
        #expect(content[6] == "")
        #expect(content[7] == "query: sat, q = (2, 1)   score = q·k / √2")
        #expect(content[8] == "key   score                             weight")
        #expect(content[9] == "the   (2·1 + 1·0) / 1.41 = 1.41         0.28")
        #expect(content[12] == "down  masked: after sat                 0.00")
        #expect(content[13] == "softmax: weight = e^score / (sum of e^score over the keys it sees)")
        #expect(content[16] == "weights the   cat   sat   down")
        #expect(content[19] == "sat     0.28  0.14  0.58  0.00")
        #expect(content[20] == "down    0.08  0.70  0.17  0.04")
        #expect(lines[lines.count - 2].contains("←→ query word") && lines[lines.count - 2].contains("c causal mask off"))
    }

    /// In a 24-row terminal the reader leaves the widget 20 rows: the tables are drawn tighter so that the
    /// weights table the lesson points at ("zeros above its diagonal") is whole, with the mask's state beside it.
    @Test func theBottomTableIsWholeInA24RowTerminal() throws {
        var host = try LessonWidgetClaimTests.host(lesson: "attention", page: "The causal mask", widget: "attention")
        host.press(.right, .right)
        let lines = host.text(width: 76, available: 20)
        #expect(lines.count <= 20)
        let content = lines.dropFirst().map { String($0.dropFirst(2).dropLast(2)).replacingOccurrences(of: " +$", with: "", options: .regularExpression) }
        #expect(content[0] == "word  x         query q   key k     value v")
        #expect(content[5] == "key   score = q·k/√2, q(sat) = (2, 1)   weight")
        #expect(content[6] == "the   (2·1 + 1·0) / 1.41 = 1.41         0.28")
        #expect(content[9] == "down  masked: after sat                 0.00")
        #expect(content.contains("weights the   cat   sat   down    causal mask on"), "\(content)")
        // Zeros above the diagonal, the weights worked from the formula below it.
        let table = try #require(content.firstIndex(of: "weights the   cat   sat   down    causal mask on"))
        let words = ["the", "cat", "sat", "down"]
        for t in 0..<4 {
            let expected = Self.weights(query: t, causal: true).map { String(format: "%.2f", $0) }
            #expect(content[table + 1 + t] == words[t].padding(toLength: 8, withPad: " ", startingAt: 0) + expected.joined(separator: "  "))
        }
        #expect(lines[lines.count - 2].contains("c causal mask off"))
        host.press(.character("c"))
        let off = host.text(width: 76, available: 20).map { String($0.dropFirst(2).dropLast(2)).replacingOccurrences(of: " +$", with: "", options: .regularExpression) }
        let unmasked = try #require(off.firstIndex(of: "weights the   cat   sat   down    causal mask off"), "\(off)")
        for t in 0..<4 {
            let expected = Self.weights(query: t, causal: false).map { String(format: "%.2f", $0) }
            #expect(off[unmasked + 1 + t] == words[t].padding(toLength: 8, withPad: " ", startingAt: 0) + expected.joined(separator: "  "))
        }
    }

    /// Without Unicode every character is ASCII and the square root is spelt out.
    @Test func asciiFallback() throws {
        let text = Self.text(WidgetTesting.host("attention"), glyphs: .ascii)
        let isASCII = text.allSatisfy { $0.isASCII }
        #expect(isASCII, "\(text)")
        #expect(text.contains("score = q*k / sqrt 2") && text.contains("down  (1, -1)   (-2, 1)"), "\(text)")
    }

    @Test func resetGoesBackToTheLessonsStart() throws {
        var host = try LessonWidgetClaimTests.host(lesson: "attention", page: "Queries, keys and values", widget: "attention")
        let start = try Self.state(host)
        host.press(.character("c"), .right)
        host.press(.character("r"))
        #expect(try Self.state(host) == start)
    }
}

/// The attention-weight template: the answer is the softmax of the question's own scores.
@Suite("Generated questions: attention")
struct GeneratedAttentionQuestionTests {
    @Test func theAnswerIsTheSoftmaxOfTheScaledDotProducts() throws {
        var chosenKeys = Set<Int>()
        for question in GeneratedQuestionRangeTests.questions(.attentionWeight, seeds: 1...300) {
            // "… size d = 2 … q = (a, b) … k1 = (c, d), k2 = (e, f), k3 = (g, h). … q·kᵢ/√2. … key J …"
            let n = GeneratedQuestionRangeTests.numbers(in: question.question)
            try #require(n.count == 14, "\(question.question)")
            let q = [n[1], n[2]]
            let keys = [[n[4], n[5]], [n[7], n[8]], [n[10], n[11]]]
            let chosen = Int(n[13]) - 1
            chosenKeys.insert(chosen)
            let scores = keys.map { (q[0] * $0[0] + q[1] * $0[1]) / 2.0.squareRoot() }
            let exponentials = scores.map { Foundation.exp($0) }
            let expected = exponentials[chosen] / exponentials.reduce(0, +)
            #expect(abs(question.answer - expected) < 1e-5, "\(question.question)")
            #expect(question.explanation.contains(NumberText.trimmed(expected, decimals: 3)), "\(question.explanation)")
        }
        #expect(chosenKeys == [0, 1, 2])
    }
}
