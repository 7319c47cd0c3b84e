import Canvas
import Curriculum
import Neural
import Testing
@testable import App

@Suite("Perceptron widget")
struct WidgetPerceptronTests {
    static let andPage = "```widget perceptron\ndataset: and\nlearningRate: 0.1\n```"

    @Test func learnsAndOneUpdateAtATimeUntilAnEpochHasNoMistake() throws {
        var tutor = WidgetTesting.tutor(page: Self.andPage)
        tutor.press(.tab)
        var presses = 0
        while tutor.widget(PerceptronWidget.self)?.convergedAtEpoch == nil && presses < 400 {
            tutor.press(.character("l"))
            presses += 1
        }
        let widget = try #require(tutor.widget(PerceptronWidget.self))
        #expect(widget.convergedAtEpoch != nil, "the convergence theorem promises AND is learned")
        // The learned line really is AND: only (1, 1) lies on the yes side, z > 0.
        let w = widget.perceptron.weights, b = widget.perceptron.bias
        #expect(b <= 0 && w[0] + b <= 0 && w[1] + b <= 0 && w[0] + w[1] + b > 0, "w = \(w), b = \(b)")
        #expect(widget.misclassifiedPoints.isEmpty)
        #expect(tutor.screenText.contains("Converged"))
    }

    @Test func neverSettlesOnXorAndSaysWhy() throws {
        var host = WidgetTesting.host("perceptron", ["dataset": .text("xor")])
        host.press(.character(" "))
        #expect(host.isAnimating, "playing asks for ticks")
        var ticks = 0
        while host.isAnimating && ticks < 100_000 {
            _ = host.update(.tick)
            ticks += 1
        }
        let widget = try #require(WidgetTesting.state(host, as: PerceptronWidget.self))
        #expect(!host.isAnimating, "playing stops by itself after the epoch limit")
        #expect(widget.convergedAtEpoch == nil)
        #expect(widget.epoch == PerceptronWidget.epochLimit)
        #expect((widget.mistakesLastEpoch ?? 0) > 0, "every epoch still makes a mistake")
        #expect(!widget.misclassifiedPoints.isEmpty, "no line gets all four XOR points right")
        #expect(host.text().contains { $0.contains("still wrong: no line separates") })
        // One update per third of a second: the animation is slow enough to follow.
        #expect(ticks >= PerceptronWidget.epochLimit * 4 * (PerceptronWidget.ticksPerUpdate - 1))
    }

    @Test func theFirstMistakeOnAndMovesEveryWeightByTheLearningRate() throws {
        var host = WidgetTesting.host("perceptron", ["dataset": .text("and"), "learningRate": .number(0.1)])
        // From zero weights z = 0 everywhere and step(0) = 0: points 1 to 3 (answer 0) are right, and
        // point 4, (1, 1), which wants 1, is the first mistake: error +1, so w₁, w₂ and b all grow by η.
        host.press(.character("l"), .character("l"), .character("l"))
        var widget = try #require(WidgetTesting.state(host, as: PerceptronWidget.self))
        #expect(widget.perceptron.weights == [0, 0] && widget.perceptron.bias == 0)
        #expect(host.text().contains { $0.contains("point 3 was right: no change") })
        host.press(.character("l"))
        widget = try #require(WidgetTesting.state(host, as: PerceptronWidget.self))
        #expect(widget.perceptron.weights == [0.1, 0.1] && widget.perceptron.bias == 0.1)
        let text = host.text()
        #expect(text.contains { $0.contains("update: point 4 said 0, wants 1") })
        #expect(text.contains { $0.contains("w₁ 0.00→0.10") && $0.contains("w₂ 0.00→0.10") && $0.contains("b 0.00→0.10") })
        // The worked sum is the one the rule saw, before the update, so it agrees with "said 0": with the new
        // weights the same point would already be right (z = 0.3), which would contradict the update line.
        #expect(text.contains { $0.contains("z = w₁·x₁ + w₂·x₂ + b  (before update)") })
        #expect(text.contains { $0.contains("= 0·1 + 0·1 + 0 = 0") })
        #expect(text.contains { $0.contains("step(z) = 0  ✗ wrong") })
        // Epoch 2 starts at (0, 0), wanting 0: now z = 0.1 > 0, another mistake, again worked out as seen.
        host.press(.character("l"))
        let next = host.text()
        #expect(next.contains { $0.contains("update: point 1 said 1, wants 0") })
        #expect(next.contains { $0.contains("= 0.1·0 + 0.1·0 + 0.1 = 0.1") })
        // Choosing another point shows its sum with the current weights, without the note.
        host.press(.character("3"))
        #expect(!host.text().contains { $0.contains("(before update)") })
    }

    @Test func arrowsMoveTheWeightsAndThePanelWorksOutTheSum() throws {
        var host = WidgetTesting.host("perceptron", ["dataset": .text("and")])
        host.press(.right, .right, .right)          // w₁ = 0.3
        host.press(.down, .right, .right)           // w₂ = 0.2
        host.press(.down, .left, .left, .left, .left) // b = −0.4
        host.press(.character("4"))                 // the point (1, 1)
        let widget = try #require(WidgetTesting.state(host, as: PerceptronWidget.self))
        #expect(widget.value(of: .firstWeight) == 0.3 && widget.value(of: .secondWeight) == 0.2 && widget.value(of: .bias) == -0.4)
        let text = host.text()
        // z = 0.3·1 + 0.2·1 − 0.4 = 0.1 > 0, so the step says 1, which AND wants for (1, 1).
        #expect(text.contains { $0.contains("= 0.3·1 + 0.2·1 + (−0.4) = 0.1") })
        #expect(text.contains { $0.contains("step(z) = 1  ✓ right") })
        // That line (0.3x₁ + 0.2x₂ = 0.4) is AND: the other three sums are −0.4, −0.2 and −0.1.
        #expect(widget.misclassifiedPoints.isEmpty)
        #expect(text.contains { $0.contains("Your line gets all 4 points right.") })
    }

    @Test func gateKeyCyclesTheTruthTablesAndResetReturnsToTheLessonsSettings() throws {
        var host = WidgetTesting.host("perceptron", ["dataset": .text("and")])
        host.press(.character("g"))
        #expect(host.widget.title == "perceptron learning OR")
        host.press(.character("g"), .character("g"))
        #expect(host.widget.title == "perceptron learning XOR")
        let xor = try #require(WidgetTesting.state(host, as: PerceptronWidget.self))
        #expect(xor.targets == [0, 1, 1, 0])
        host.press(.right, .character("r"))
        let reset = try #require(WidgetTesting.state(host, as: PerceptronWidget.self))
        #expect(reset.gate == .and && reset.perceptron.weights == [0, 0] && reset.perceptron.bias == 0)
    }

    @Test func drawsInAsciiWithoutColourAndKeepsItsFrame() {
        let host = WidgetTesting.host("perceptron", ["dataset": .text("xor")])
        for (glyphs, colors) in [(GlyphSet.ascii, ColorMode.none), (.unicode, .trueColor)] {
            for width in [56, 76, 116] {
                let lines = host.text(width: width, glyphs: glyphs, colors: colors, focused: false)
                #expect(lines.allSatisfy { displayWidth(of: $0) == width })
                #expect(lines.first?.hasPrefix(glyphs.topLeft) == true && lines.last?.hasPrefix(glyphs.bottomLeft) == true)
                #expect(lines[lines.count - 2].contains("Tab use this widget"), "the keys are shown at the bottom")
                if !glyphs.isUnicode { #expect(lines.allSatisfy { $0.allSatisfy(\.isASCII) }, "\(lines)") }
            }
        }
    }
}
