import Canvas
import Curriculum
import Testing
@testable import App

/// The `names` and `vanishing` widgets drawn line by line: in the 76 columns an 80×24 page gives them,
/// in a 120×40 tutor, without colour and in ASCII.
@Suite("Recurrent widgets, drawn")
struct WidgetRecurrentTests {
    static func reading() -> WidgetHost { WidgetTesting.host("names", ["show": .text("reading"), "name": .text("emma")]) }
    static func vanishing() -> WidgetHost { WidgetTesting.host("vanishing", ["delay": .integer(10)]) }

    @Test func theReadingWidgetLinesAt76Columns() {
        let lines = Self.reading().text(width: 76, available: 20)
        #expect(lines.count == 19)
        #expect(lines[0].hasPrefix("┌─ ▸ an LSTM reading \"emma\", letter by letter ─"))
        #expect(lines[1] == "│ steps 0 · 0 names seen · loss – · paused" + String(repeating: " ", count: 33) + "│")
        #expect(lines[2] == "│" + String(repeating: " ", count: 74) + "│")
        #expect(lines[3].hasPrefix("│ reads   .  e  m  m  a ") && lines[3].hasSuffix(" after \".emma\":   │"))
        // Five guesses, each a letter, a percentage and a bar, in the panel's column.
        for row in 4...8 {
            let panel = String(Array(lines[row])[58...])
            #expect(panel.range(of: #"^ . +\d+% "#, options: .regularExpression) != nil, "\(lines[row])")
        }
        // The hidden state: eight rows of half blocks under the five letters, nothing beyond them.
        for row in 4...11 {
            let map = String(Array(lines[row])[9..<24])
            #expect(map.allSatisfy { $0 == "▀" || $0 == " " }, "\(lines[row])")
            #expect(String(Array(lines[row])[24..<56]).allSatisfy { $0 == " " }, "\(lines[row])")
        }
        #expect(lines[7].hasPrefix("│ h "))
        #expect(lines[8].hasPrefix("│ state "))
        #expect(lines[12].hasPrefix("│ input   ") && lines[12].contains("input  0.4") || lines[12].contains("input  0.5"))
        #expect(lines[13].hasPrefix("│ forget  ") && lines[13].contains(" forget 0."))
        #expect(lines[14].hasPrefix("│ output  ") && lines[14].contains(" output 0."))
        #expect(lines[15].hasPrefix("│ state: blue below 0, red above, -1 to 1; gates: darker = nearer 1"))
        #expect(lines[17].hasPrefix("│ Space train  ← → letter  n next name  r reset  Esc leave"))
        #expect(lines.allSatisfy { displayWidth(of: $0) == 76 })
    }

    @Test func theReadingWidgetWithoutColourOrUnicode() {
        let host = Self.reading()
        let plain = host.text(width: 76, available: 20, colors: .none)
        // Without colour the state is drawn in shades and signs, never in coloured half blocks.
        #expect(!plain.joined().contains("▀"))
        #expect(plain[15].hasPrefix("│ state: shade for sign and size, -1 to 1; gates: darker = nearer 1"))
        let ascii = host.text(width: 76, available: 20, glyphs: .ascii, colors: .none)
        #expect(ascii.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "\(ascii.joined(separator: "\n"))")
        #expect(ascii[1] == "| steps 0 | 0 names seen | loss - | paused" + String(repeating: " ", count: 33) + "|")
        #expect(ascii[3].hasPrefix("| reads   .  e  m  m  a "))
        #expect(ascii[17].hasPrefix("| Space train  < > letter  n next name  r reset  Esc leave"))
    }

    @Test func theGeneratingWidgetLinesAt76Columns() {
        let host = WidgetTesting.host("names", ["show": .text("generating")])
        let lines = host.text(width: 76, available: 20)
        let samples = WidgetTesting.state(host, as: NamesWidget.self)?.samples ?? []
        #expect(samples.count == 12)
        #expect(lines.count == 12)
        #expect(lines[0].hasPrefix("┌─ ▸ names an LSTM writes at temperature 1.0 ─"))
        #expect(lines[3].hasPrefix("│ temperature 1.0  seed 1 "))
        // Four names a row, 18 columns each.
        for row in 0..<3 {
            let line = Array(lines[5 + row])
            for column in 0..<4 {
                let sample = samples[row * 4 + column]
                let shown = String(line[(2 + column * 18)..<(2 + column * 18 + 17)]).trimmingCharacters(in: .whitespaces)
                #expect(shown == (sample.isEmpty ? "(empty)" : sample), "\(lines[5 + row])")
            }
        }
        #expect(lines[9].hasPrefix("│ 1: the model's own probabilities "))
        let ascii = host.text(width: 76, available: 20, glyphs: .ascii, colors: .none)
        #expect(ascii.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    }

    @Test func theVanishingWidgetLinesAt76Columns() {
        let lines = Self.vanishing().text(width: 76, available: 20)
        #expect(lines.count == 17)
        #expect(lines[1].hasPrefix("│ reads a digit, 10 blanks and =, then writes the digit "))
        #expect(lines[2].hasPrefix("│ step  7 · · · · · · · · · · = "))
        #expect(lines[6].hasPrefix("│ RNN   █ █ █ █ █ █ █ █ █ █ █ █ "))
        #expect(lines[7].hasPrefix("│ RNN: the first step gets 1.0e-3 of the last step's gradient "))
        #expect(lines[11].hasPrefix("│ LSTM  █ █ █ █ █ █ █ █ █ █ █ █ "))
        #expect(lines[12].hasPrefix("│ LSTM: the first step gets 9.3e-4 of the last step's gradient "))
        #expect(lines[13].hasPrefix("│ LSTM forget-gate bias 0: f starts near σ(0) = 0.50 "))
        // The last step's bar is full in every row; the first step's is lower.
        let lastColumn = 2 + 6 + 11 * 2
        for row in 3...6 { #expect(Array(lines[row])[lastColumn] == "█", "\(lines[row])") }
        #expect(Array(lines[3])[8] == " ")
        let ascii = Self.vanishing().text(width: 76, available: 20, glyphs: .ascii, colors: .none)
        #expect(ascii.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "\(ascii.joined(separator: "\n"))")
        #expect(ascii[2].hasPrefix("| step  7 * * * * * * * * * * = "))
        #expect(ascii[6].hasPrefix("| RNN   # # # # # # # # # # # # "))
    }

    /// In a 120×40 tutor the widgets take the page's width, and the reading widget's frame holds all of it.
    @Test func theWidgetsIn120By40() {
        var tutor = CoreLessons.tutor(lesson: "rnn", page: "A model reading names", width: 120, height: 40)
        _ = tutor.update(.key(.tab))
        let lines = tutor.screenLines
        let status = lines.firstIndex { $0.contains("steps 0 · 0 names seen · loss – · paused") }
        #expect(status != nil, "\(tutor.screenText)")
        if let status {
            #expect(lines[status - 1].hasPrefix("  ┌─ ▸ an LSTM reading \"emma\", letter by letter ─"))
            #expect(lines[status - 1].hasSuffix("┐") && displayWidth(of: lines[status - 1]) == 118)
            #expect(lines[status + 2].hasPrefix("  │ reads   .  e  m  m  a "))
            #expect(lines[status + 2].contains("after \".emma\":"))
            #expect(lines[status + 16].hasPrefix("  │ Space train  ← → letter  n next name  r reset  Esc leave"))
            #expect(lines[status + 17].hasPrefix("  └") && lines[status + 17].hasSuffix("┘"))
        }
        var vanishing = CoreLessons.tutor(lesson: "rnn", page: "Why a plain RNN forgets", width: 120, height: 40)
        _ = vanishing.update(.key(.tab))
        let text = vanishing.screenLines
        let row = text.firstIndex { $0.contains("RNN: the first step gets 1.0e-3 of the last step's gradient") }
        #expect(row != nil, "\(vanishing.screenText)")
        if let row {
            #expect(text[row - 1].hasPrefix("  │ RNN   █ █ █"))
            #expect(text[row + 5].contains("LSTM: the first step gets 9.3e-4"))
        }
    }

    @Test func keysTheWidgetsDoNotUseGoToThePage() {
        var host = Self.reading()
        #expect(host.update(.key(.character("x"))) == [.screen(.keyNotUsed)])
        #expect(host.update(.key(.character("+"))) == [.screen(.keyNotUsed)], "+ is the writer's key, not the reader's")
        var gradients = Self.vanishing()
        #expect(gradients.update(.key(.character(" "))) == [.screen(.keyNotUsed)])
        gradients.press(.character("-"))
        #expect(WidgetTesting.state(gradients, as: VanishingWidget.self)?.delay == 9)
        for _ in 0..<20 { gradients.press(.character("-")) }
        #expect(WidgetTesting.state(gradients, as: VanishingWidget.self)?.delay == 1, "N stops at 1")
        gradients.press(.character("r"))
        #expect(WidgetTesting.state(gradients, as: VanishingWidget.self)?.delay == 10)
    }
}

extension WidgetRecurrentTests {
    /// "the letters after the cursor are not read yet, and their columns stay blank."
    @Test func theStateFillsInUpToTheCursor() {
        var host = Self.reading()
        host.press(.left, .left)
        let lines = host.text(width: 76, available: 20)
        #expect(lines[3].contains("after \".em\":"))
        // Columns of the start, e and the first m (steps 0–2) are drawn; those of the second m and a are blank.
        for row in 4...14 {
            let read = String(Array(lines[row])[9..<18]), unread = String(Array(lines[row])[18..<24])
            #expect(unread.allSatisfy { $0 == " " }, "\(lines[row])")
            if row >= 12 { #expect(!read.allSatisfy { $0 == " " }, "a gate shade under each read letter: \(lines[row])") }
        }
        host.press(.right, .right)
        let all = host.text(width: 76, available: 20)
        for row in 12...14 { #expect(!String(Array(all[row])[18..<24]).allSatisfy { $0 == " " }, "\(all[row])") }
    }
}
