import Canvas
import Foundation
import Curriculum
import Neural
import Testing
@testable import App

@Suite("Neuron and forward-pass widgets")
struct WidgetNeuronTests {
    @Test func theNeuronShowsZAndAWorkedOutWithItsNumbers() throws {
        var host = WidgetTesting.host("neuron", ["inputs": .integer(2), "activation": .text("sigmoid")])
        // Start: x = (1, 0), w = (0.5, 0.5), b = 0. Make x₂ = 1 and b = −0.3.
        host.press(.down, .character("1"))
        host.press(.down, .down, .down, .left, .left, .left)
        let neuron = try #require(WidgetTesting.state(host, as: NeuronWidget.self))
        #expect(neuron.inputs == [1, 1] && neuron.weights == [0.5, 0.5] && neuron.bias == -0.3)
        // z = 0.5 + 0.5 − 0.3 = 0.7 and a = σ(0.7) = 1 / (1 + e^−0.7) ≈ 0.668.
        let (z, a) = neuron.forward
        #expect(abs(z - 0.7) < 1e-6)
        #expect(abs(a - 0.668) < 5e-4)
        let text = host.text().joined(separator: "\n")
        #expect(text.contains("= 0.5·1 + 0.5·1 + (−0.3)"))
        #expect(text.contains("= 0.7"))
        #expect(text.contains("a = σ(z) = σ(0.7) = 0.668"))
    }

    @Test func aGoalGateIsCheckedOnAllFourInputs() throws {
        var host = WidgetTesting.host("neuron", ["inputs": .integer(2), "activation": .text("step"), "goal": .text("and")])
        var neuron = try #require(WidgetTesting.state(host, as: NeuronWidget.self))
        // w = (0.5, 0.5), b = 0 says yes whenever either input is 1: that is OR, not AND.
        #expect(!neuron.meetsGoal)
        #expect(host.text().joined().contains("Not yet"))
        // b = −0.7: only 0.5 + 0.5 − 0.7 = 0.3 is positive, so only (1, 1) says yes.
        host.press(.down, .down, .down, .down)
        for _ in 0..<7 { host.press(.left) }
        neuron = try #require(WidgetTesting.state(host, as: NeuronWidget.self))
        #expect(neuron.bias == -0.7 && neuron.meetsGoal)
        #expect(host.text().joined().contains("The neuron computes AND."))
    }

    @Test func theActivationKeyCyclesAndEveryInputCountFits() throws {
        var host = WidgetTesting.host("neuron", ["inputs": .integer(4), "activation": .text("tanh")])
        host.press(.character("a"))
        let neuron = try #require(WidgetTesting.state(host, as: NeuronWidget.self))
        #expect(neuron.activation == .relu)
        #expect(neuron.rowCount == 9)
        for width in [56, 76] {
            let lines = host.text(width: width, glyphs: .ascii, colors: .none)
            #expect(lines.allSatisfy { displayWidth(of: $0) == width })
            #expect(lines.contains { $0.contains("b ") })
        }
    }

    @Test func theForwardPassStepsLayerByLayerWithTheEnginesNumbers() throws {
        var host = WidgetTesting.host("forward", ["layers": .integers([2, 3, 2, 1]), "activation": .text("tanh")])
        let start = try #require(WidgetTesting.state(host, as: ForwardWidget.self))
        #expect(start.stage == 0 && start.lastStage == 6)
        // The engine's own forward pass for the widget's input, to compare every number with.
        var network = start.network
        network.forward(Matrix([start.input]), mode: .evaluation)
        let firstSums = network.layers[0].output.row(0)
        let firstActivations = network.layers[1].output.row(0)

        host.press(.enter)
        var text = host.text()
        #expect(text.contains { $0.contains("layer 1: weighted sums") })
        let weights = start.parameters(ofLayer: 1).weights
        let glyphs = GlyphSet.unicode
        // The first row of the printed product holds W's first row, the first input and z₁.
        let firstRow = try #require(text.first { $0.contains("[" + align(WidgetText.number(weights[0, 0], glyphs: glyphs), width: 5, .right)) })
        #expect(firstRow.contains(WidgetText.number(firstSums[0], glyphs: glyphs)))
        host.press(.enter)
        text = host.text()
        #expect(text.contains { $0.contains("a⁽¹⁾ = tanh(z⁽¹⁾)") })
        for (z, a) in zip(firstSums, firstActivations) {
            // tanh is applied to each sum: the engine's activation equals tanh of the engine's z.
            #expect(abs(tanh(z) - a) < 1e-5)
            #expect(text.contains { $0.contains("tanh(\(WidgetText.number(z, glyphs: glyphs))) = \(WidgetText.number(a, glyphs: glyphs))") })
        }
        host.press(.enter, .enter, .enter, .enter, .enter)
        let done = try #require(WidgetTesting.state(host, as: ForwardWidget.self))
        #expect(done.stage == done.lastStage, "Enter stops at the output")
        #expect(host.text().contains { $0.contains("The network's output: " + WidgetText.number(network.output[0, 0], glyphs: glyphs)) })
        host.press(.backspace)
        #expect(WidgetTesting.state(host, as: ForwardWidget.self)?.stage == done.lastStage - 1)
    }

    @Test func theForwardPassPlaysItselfAndStopsAtTheOutput() throws {
        var host = WidgetTesting.host("forward")
        host.press(.character(" "))
        var ticks = 0
        while host.isAnimating && ticks < 10_000 {
            _ = host.update(.tick)
            ticks += 1
        }
        let widget = try #require(WidgetTesting.state(host, as: ForwardWidget.self))
        #expect(widget.stage == widget.lastStage && !widget.isPlaying)
        #expect(ticks >= (widget.lastStage - 1) * ForwardWidget.ticksPerStage, "one stage at a time, slow enough to read")
    }

    @Test func changingAnInputChangesTheWholePass() throws {
        var host = WidgetTesting.host("forward", ["layers": .integers([2, 3, 1])])
        let before = try #require(WidgetTesting.state(host, as: ForwardWidget.self)).pass
        host.press(.right, .right)
        let widget = try #require(WidgetTesting.state(host, as: ForwardWidget.self))
        #expect(abs(widget.input[0] - 1.2) < 1e-6)
        let after = widget.pass
        #expect(after.a.last != before.a.last)
        #expect(widget.network.predict(Matrix([widget.input]))[0, 0] == after.a.last?[0])
    }
}
