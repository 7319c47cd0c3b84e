import Canvas
import Neural
import Testing
@testable import App

@Suite("Backpropagation widget")
struct WidgetBackpropTests {
    /// The engine's finite-difference estimate for every parameter, keyed by layer, tensor and element.
    static func numerical(_ widget: BackpropWidget) -> [String: Float] {
        var result: [String: Float] = [:]
        for comparison in widget.check {
            result["\(comparison.layer) \(comparison.tensor) \(comparison.element)"] = comparison.numerical
        }
        return result
    }

    @Test(arguments: ["mse", "crossEntropy"])
    func everyGradientEqualsTheEnginesAndItsFiniteDifference(loss: String) throws {
        let host = WidgetTesting.host("backprop", ["layers": .integers([2, 2, 1]), "activation": .text("sigmoid"), "loss": .text(loss)])
        let widget = try #require(WidgetTesting.state(host, as: BackpropWidget.self))
        let pass = widget.pass
        let numerical = Self.numerical(widget)
        let dense = widget.network.parameterLayerIndices
        #expect(widget.steps.count == 6, "two stops for each of the three neurons")
        for layer in 1...widget.layerCount {
            let gradient = pass.weightGradients[layer - 1]
            for element in 0..<gradient.count {
                let estimate = try #require(numerical["\(dense[layer - 1]) weight \(element)"])
                #expect(abs(gradient.storage[element] - estimate) <= 2e-3 * max(1, abs(estimate)), "layer \(layer) weight \(element)")
            }
            for (neuron, value) in pass.biasGradients[layer - 1].enumerated() {
                let estimate = try #require(numerical["\(dense[layer - 1]) bias \(neuron)"])
                #expect(abs(value - estimate) <= 2e-3 * max(1, abs(estimate)))
                // ∂L/∂b = ∂L/∂z: a bias adds 1·b to z.
                #expect(value == pass.preActivationGradients[layer - 1][neuron])
            }
        }
        // The chain rule, step by step, with the engine's own slopes.
        let hidden = pass.activations[0], outputZ = pass.preActivations[1][0]
        let outputDa = pass.activationGradients[1][0], outputDz = pass.preActivationGradients[1][0]
        #expect(abs(outputDz - outputDa * Activation.sigmoid.derivative(at: outputZ)) < 1e-5)
        for neuron in 0..<2 {
            // ∂L/∂a of a hidden neuron = its weight into the output × the output's ∂L/∂z.
            #expect(abs(pass.activationGradients[0][neuron] - pass.weights[1][0, neuron] * outputDz) < 1e-6)
            // ∂L/∂w(h→o) = ∂L/∂z(o) · a(h).
            #expect(abs(pass.weightGradients[1][0, neuron] - outputDz * hidden[neuron]) < 1e-6)
        }
        if loss == "crossEntropy" {
            // With cross-entropy on a sigmoid output, ∂L/∂z of the output is ŷ − y.
            #expect(abs(outputDz - (pass.activations[1][0] - widget.target[0])) < 1e-4)
        } else {
            #expect(abs(outputDa - 2 * (pass.activations[1][0] - widget.target[0])) < 1e-6)
        }
    }

    @Test func theWalkShowsEachProductAndTheCheckAgrees() throws {
        var host = WidgetTesting.host("backprop")
        let glyphs = GlyphSet.unicode
        var text = host.text(width: 100, available: 24)
        #expect(text.contains { $0.contains("The forward pass is done.") })
        host.press(.enter)
        text = host.text(width: 100, available: 24)
        let widget = try #require(WidgetTesting.state(host, as: BackpropWidget.self))
        let output = widget.pass.activations[1][0]
        #expect(text.contains { $0.contains("step 1 of 6: o's output a") })
        #expect(text.contains { $0.contains("∂L/∂a(o) = 2·(a − y)") })
        #expect(text.contains { $0.contains("= 2·(\(WidgetText.short(output, decimals: 3, glyphs: glyphs)) − 1) = \(WidgetText.short(widget.pass.activationGradients[1][0], decimals: 3, glyphs: glyphs))") })
        host.press(.enter)
        text = host.text(width: 100, available: 24)
        #expect(text.contains { $0.contains("∂L/∂w(h₁→o) = ") })
        host.press(.enter, .enter, .enter, .enter, .enter)
        #expect(host.text(width: 100, available: 24).contains { $0.contains("Every gradient found.") })
        host.press(.character("c"))
        text = host.text(width: 100, available: 24)
        let rows = text.filter { $0.contains("w(") || $0.contains("b(") }
        #expect(rows.count == 9, "6 + 3 parameters: \(text)")
        #expect(rows.allSatisfy { $0.contains("✓") })
    }

    @Test func anUpdateAgainstTheGradientLowersTheLoss() throws {
        var host = WidgetTesting.host("backprop")
        var losses = [try #require(WidgetTesting.state(host, as: BackpropWidget.self)).pass.loss]
        for _ in 0..<5 {
            host.press(.character("u"))
            losses.append(try #require(WidgetTesting.state(host, as: BackpropWidget.self)).pass.loss)
        }
        #expect(zip(losses, losses.dropFirst()).allSatisfy { $1 < $0 }, "\(losses)")
        #expect(host.text(width: 100).contains { $0.contains("(after 5 updates)") })
        host.press(.character("r"))
        #expect(WidgetTesting.state(host, as: BackpropWidget.self)?.pass.loss == losses[0])
    }
}
