import Canvas
import Curriculum
import Neural
import Testing
@testable import App

/// The widgets the shipped lessons place, built from the lesson files themselves, and driven to show that
/// what the text says of them is true. The expected numbers are worked by hand in the lesson text.
@Suite("What the lessons say of their widgets")
struct LessonWidgetClaimTests {
    /// The `index`-th widget block named `name` on page `title` of lesson `id`, as the lesson wrote it.
    static func block(lesson id: String, page title: String, widget name: String, index: Int = 0) throws -> WidgetBlock {
        let lesson = try #require(CoreLessons.library.lessons.first { $0.id == id })
        let page = try #require(lesson.pages.first { $0.title == title }, "no page '\(title)'")
        let widgets = page.blocks.compactMap { block -> WidgetBlock? in
            if case .widget(let widget) = block, widget.name == name { return widget }
            return nil
        }
        return try #require(widgets.dropFirst(index).first, "no widget \(name) on '\(title)'")
    }

    static func host(lesson id: String, page title: String, widget name: String, index: Int = 0) throws -> WidgetHost {
        WidgetFactory.make(try block(lesson: id, page: title, widget: name, index: index), runName: "\(id):1")
    }

    @Test func theXORPageStepsThroughTheHandBuiltNetworkFromTheInputZeroOne() throws {
        var host = try Self.host(lesson: "forward", page: "Why layers help", widget: "forward")
        var widget = try #require(WidgetTesting.state(host, as: ForwardWidget.self))
        #expect(widget.input == [0, 1])
        #expect(widget.activation(ofLayer: 1) == .step && widget.activation(ofLayer: 2) == .step)
        // The table's weights: h₁ (1, 1) −0.5, h₂ (−1, −1) 1.5, out (1, 1) −1.5.
        let hidden = widget.parameters(ofLayer: 1), output = widget.parameters(ofLayer: 2)
        #expect(hidden.weights.row(0) == [1, 1] && hidden.weights.row(1) == [-1, -1] && hidden.bias == [-0.5, 1.5])
        #expect(output.weights.row(0) == [1, 1] && output.bias == [-1.5])
        // "Enter four times": z of the hidden layer (0.5, 0.5), h = (1, 1), z of the output 0.5, output 1.
        host.press(.enter, .enter, .enter, .enter)
        widget = try #require(WidgetTesting.state(host, as: ForwardWidget.self))
        #expect(widget.stage == widget.lastStage)
        let pass = widget.pass
        #expect(pass.z[0] == [0.5, 0.5] && pass.a[0] == [1, 1] && pass.z[1] == [0.5] && pass.a[1] == [1])
        // Every row of the XOR table, reached with the arrows 0.1 a press.
        for (x1, x2, xor) in [(Float(0), Float(0), Float(0)), (1, 0, 1), (1, 1, 0)] {
            var moved = try Self.host(lesson: "forward", page: "Why layers help", widget: "forward")
            for _ in 0..<Int(x1 * 10) { moved.press(.right) }
            moved.press(.down)
            for _ in 0..<Int((1 - x2) * 10) { moved.press(.left) }
            let state = try #require(WidgetTesting.state(moved, as: ForwardWidget.self))
            #expect(abs(state.input[0] - x1) < 1e-6 && abs(state.input[1] - x2) < 1e-6)
            #expect(state.pass.a[1] == [xor], "XOR(\(x1), \(x2))")
        }
    }

    @Test func theChainRuleWidgetIsTheWorkedExample() throws {
        var host = try Self.host(lesson: "backprop", page: "The chain rule", widget: "backprop")
        var widget = try #require(WidgetTesting.state(host, as: BackpropWidget.self))
        #expect(widget.input == [1.5] && widget.target == [1])
        let pass = widget.pass
        // z = 0.8·1.5 − 0.2 = 1.0, a = σ(1) = 0.731, L = 0.072 (worked with e ≈ 2.71828 by hand).
        #expect(abs(pass.preActivations[0][0] - 1.0) < 1e-6)
        #expect(abs(pass.activations[0][0] - 0.7311) < 5e-4)
        #expect(abs(pass.loss - 0.0723) < 5e-4)
        #expect(abs(pass.activationGradients[0][0] - -0.538) < 5e-4)
        #expect(abs(pass.preActivationGradients[0][0] - -0.106) < 5e-4)
        #expect(abs(pass.weightGradients[0][0, 0] - -0.159) < 5e-4)
        #expect(abs(pass.biasGradients[0][0] - -0.106) < 5e-4)
        // "Enter … first ∂L/∂a, then ∂L/∂z with the weight's gradient": the walk's two stops, in that order.
        #expect(widget.steps.map(\.kind) == [.activation, .preActivation])
        host.press(.enter)
        widget = try #require(WidgetTesting.state(host, as: BackpropWidget.self))
        #expect(widget.isRevealed(layer: 1, neuron: 0, kind: .activation) && !widget.isRevealed(layer: 1, neuron: 0, kind: .preActivation))
        let shown = host.text(width: 100, available: 24).joined(separator: "\n")
        #expect(shown.contains("0.538"), "\(shown)")
        host.press(.enter)
        let second = host.text(width: 100, available: 24).joined(separator: "\n")
        #expect(second.contains("(−0.538)·0.197 = −0.106") && second.contains("(−0.106)·1.5 = −0.159"), "\(second)")
    }

    @Test func everyGradientOfTheCheckAgreesToFourDecimalPlaces() throws {
        for (page, index) in [("Backward through a network", 0), ("Checking the gradients", 0)] {
            let host = try Self.host(lesson: "backprop", page: page, widget: "backprop", index: index)
            let widget = try #require(WidgetTesting.state(host, as: BackpropWidget.self))
            let check = widget.check
            #expect(check.count == 9, "six weights and three biases")
            for comparison in check {
                #expect(abs(comparison.analytic - comparison.numerical) < 5e-5,
                        "\(page): \(comparison.tensor) \(comparison.element) of layer \(comparison.layer): \(comparison.analytic) against \(comparison.numerical)")
            }
        }
    }

    @Test func theBowlStartsAtTheWorkedExamplesPointAndShrinksByFourFifths() throws {
        var host = try Self.host(lesson: "descent", page: "Walking downhill", widget: "descent")
        var widget = try #require(WidgetTesting.state(host, as: DescentWidget.self))
        #expect(widget.start.x == 2 && widget.start.y == 1)
        let expected: [(Float, Float, Float)] = [(2, 1, 5), (1.6, 0.8, 3.2), (1.28, 0.64, 2.048)]
        for (step, (x, y, loss)) in expected.enumerated() {
            widget = try #require(WidgetTesting.state(host, as: DescentWidget.self))
            let run = try #require(widget.runs.first)
            #expect(run.steps == step)
            #expect(abs(run.position.x - x) < 1e-5 && abs(run.position.y - y) < 1e-5)
            #expect(abs(run.losses[step] - loss) < 1e-5)
            // The panel writes L with four decimals, as the text quotes it.
            let shown = String(format: "L = %.4f", loss)
            #expect(host.text(width: 100, available: 24).contains { $0.contains(shown) }, "\(shown)")
            host.press(.enter)
        }
    }

    @Test func theGraphPageWidgetAddsXsTwoPathsAfterTheThirdEnter() throws {
        var host = try Self.host(lesson: "backprop", page: "A graph of single numbers", widget: "graph")
        let context = WidgetContext(glyphs: .unicode, colors: .none, isFocused: true)
        func row(_ prefix: String) throws -> String {
            let widget = try #require(WidgetTesting.state(host, as: GraphWidget.self))
            let lines = widget.lines(width: 72, context: context).map { $0.map(\.text).joined() }
            return try #require(lines.first { $0.hasPrefix(prefix) })
        }
        // The page's numbers: p = −6, f = −4, L = 16.
        #expect(try row("p = x×y").contains("2×(−3) = −6"))
        #expect(try row("L = f²").contains("(−4)² = 16"))
        host.press(.enter, .enter)
        #expect(try row("x   ").contains("1×(−8) = −8"))
        #expect(try !row("x   ").contains("16"))
        host.press(.enter)
        #expect(try row("x   ").contains("1×(−8) + (−3)×(−8) = 16"))
        #expect(try row("y   ").contains("= −16"))
    }

    @Test func rmspropsFirstStepIsTenTimesTheLearningRateAndAdamsExactlyIt() throws {
        // The race on the Adaptive steps page: η = 0.1 for all four, from the ravine's start.
        var host = try Self.host(lesson: "descent", page: "Adaptive steps: RMSprop and Adam", widget: "descent")
        var widget = try #require(WidgetTesting.state(host, as: DescentWidget.self))
        let start = widget.start
        host.press(.enter)
        widget = try #require(WidgetTesting.state(host, as: DescentWidget.self))
        let rmsprop = try #require(widget.runs.first { $0.kind.name == "rmsprop" })
        let adam = try #require(widget.runs.first { $0.kind.name == "adam" })
        // s = (1 − α)·g² after one gradient, so the step is η·g/√s = η/√(1 − α) = 10η = 1 along each axis.
        #expect(abs(abs(rmsprop.position.x - start.x) - 1.0) < 1e-3)
        #expect(abs(abs(rmsprop.position.y - start.y) - 1.0) < 1e-3)
        // Adam's bias correction makes m̂ = g and v̂ = g² at the first step: a step of exactly η = 0.1.
        #expect(abs(abs(adam.position.x - start.x) - 0.1) < 1e-4)
        #expect(abs(abs(adam.position.y - start.y) - 0.1) < 1e-4)
    }
}
