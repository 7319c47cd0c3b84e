import Canvas
import Neural
import Testing
@testable import App

/// Every sentence of the gradient-descent lesson that sends the learner to the descent widget, held by
/// driving the widget as the sentence says.
@Suite("What the descent lesson says of its widget")
struct DescentLessonClaimsTests {
    /// Presses `+` or `-` until η is `rate`; fails when the keys never reach it.
    static func setRate(_ host: inout WidgetHost, to rate: Float) throws {
        for _ in 0..<30 {
            let current = try #require(WidgetTesting.state(host, as: DescentWidget.self)).learningRate
            if abs(current - rate) < 1e-6 { return }
            host.press(current < rate ? .character("+") : .character("-"))
        }
        Issue.record("+ and - never reach η = \(rate)")
    }

    /// The runs after `steps` steps (Enter each).
    static func steps(_ host: inout WidgetHost, _ steps: Int) throws -> DescentWidget {
        for _ in 0..<steps { host.press(.enter) }
        return try #require(WidgetTesting.state(host, as: DescentWidget.self))
    }

    /// "the learning-rate table": every η in it can be dialled in from the page's widget, and does what its row says.
    @Test func theLearningRateTableRowsAreReachableAndTrue() throws {
        for rate: Float in [0.01, 0.1, 0.6, 0.9, 1.1] {
            var host = WidgetTesting.host("descent", ["surface": .text("bowl"), "learningRate": .number(0.1)])
            try Self.setRate(&host, to: rate)
        }
        // 0.6: factor −0.2, jumps across the bottom each step but closes in fast.
        var jumpy = WidgetTesting.host("descent", ["surface": .text("bowl"), "learningRate": .number(0.1)])
        try Self.setRate(&jumpy, to: 0.6)
        let fast = try WidgetDescentTests.run(&jumpy)
        guard case .converged(let steps)? = fast.runs.first?.status else {
            Issue.record("η = 0.6 should close in on the bottom")
            return
        }
        #expect(steps < 15)
        // 1.1: factor −1.2: the panel says it diverges as soon as the loss climbs, not "oscillating".
        var wild = WidgetTesting.host("descent", ["surface": .text("bowl"), "learningRate": .number(1.1)])
        let climbing = try Self.steps(&wild, 8)
        let run = try #require(climbing.runs.first)
        #expect(run.losses[8] > run.losses[0], "the loss climbs")
        #expect(run.verdict.contains("diverg"), "after 8 climbing steps the panel says: \(run.verdict)")
    }

    /// "At η = 0.04 plain descent slides down … momentum swings across the floor"; "raise η to 0.45 and plain
    /// descent zigzags across the ravine, while still crawling along it".
    @Test func theRavineAtTheRatesTheTextNames() throws {
        var host = WidgetTesting.host("descent", ["surface": .text("ravine"), "learningRate": .number(0.04), "momentum": .number(0.9),
                                                  "optimizers": .texts(["sgd", "momentum"])])
        let slow = try Self.steps(&host, 40)
        let sgd = slow.runs[0], momentum = slow.runs[1]
        #expect(Self.yCrossings(sgd) == 0, "plain descent at 0.04 does not zigzag")
        #expect(Self.yCrossings(momentum) >= 2, "momentum overshoots the floor and swings back")
        #expect(abs(momentum.position.x) < abs(sgd.position.x), "momentum has gone further along the floor")

        try Self.setRate(&host, to: 0.45)
        let fast = try Self.steps(&host, 20)
        #expect(Self.yCrossings(fast.runs[0]) >= 10, "plain descent zigzags across the ravine at 0.45")
        // Still crawling along it: x shrinks by 1 − 0.2·0.45 = 0.91 a step, so 20 steps leave 15 %.
        let start = LossSurface.ravine.start
        #expect(abs(fast.runs[0].position.x) > 0.1 * abs(start.0))
    }

    /// How often the path crosses the floor of the ravine (y changes sign).
    static func yCrossings(_ run: DescentRun) -> Int {
        zip(run.path, run.path.dropFirst()).filter { $0.y * $1.y < 0 }.count
    }
}

extension DescentLessonClaimsTests {
    /// "on the saddle, see which rule gets off the ridge first": from the saddle's start every rule
    /// leaves the ridge (y = 0) for a valley at y = ±1, and they do not all take the same time.
    @Test func everyRuleLeavesTheSaddlesRidgeAtItsOwnPace() throws {
        var host = WidgetTesting.host("descent", ["surface": .text("saddle"), "learningRate": .number(0.1),
                                                  "optimizers": .texts(["sgd", "momentum", "rmsprop", "adam"])])
        var leftAt: [Int?] = [nil, nil, nil, nil]
        for step in 1...300 {
            let widget = try Self.steps(&host, 1)
            for (index, run) in widget.runs.enumerated() where leftAt[index] == nil && abs(run.position.y) > 0.5 {
                leftAt[index] = step
            }
        }
        #expect(leftAt.allSatisfy { $0 != nil }, "every rule reaches a valley: \(leftAt)")
        #expect(Set(leftAt.compactMap { $0 }).count > 1, "and one gets off the ridge first: \(leftAt)")
    }
}

/// "The tanh network wraps a boundary around the disc; the identity network's map stays one even grey":
/// the activations lesson's widget, trained as the page sets it.
@Suite("What the activations lesson says of its training widget")
struct ActivationsLessonClaimsTests {
    @Test func theIdentityNetworkCanDrawNoBoundaryAroundTheDisc() throws {
        let host = SteppedLiveTraining(batchesPerPoll: 400)
        var tutor = CoreLessons.tutor(lesson: "activations", page: "Why non-linearity matters", width: 120, height: 40)
        // To the widget, full speed, play.
        while tutor.widget(TrainWidget.self) != nil, tutor.pageElements?.focus == nil || {
            if case .widget(let focused)? = tutor.pageElements.map({ $0.items[$0.focus!] }) { return !(focused.widget is TrainWidget) }
            return true
        }() {
            WidgetTrainTests.run(tutor.update(.key(.tab)), on: host)
        }
        tutor.press(.character(">"), .character(">"), .character(">"))
        WidgetTrainTests.run(tutor.update(.key(.character(" "))), on: host)
        for _ in 0..<60 { WidgetTrainTests.frame(&tutor, host) }
        let widget = try #require(tutor.widget(TrainWidget.self))
        #expect(widget.isDone)
        let preset = try widget.preset.get()
        let features = preset.examples.features
        for (run, expectation) in [(0, "tanh"), (1, "identity")] {
            let outputs = try #require(widget.network(ofRun: run)).predict(features)
            let values = (0..<outputs.rows).map { outputs[$0, 0] }
            let spread = (values.max() ?? 0) - (values.min() ?? 0)
            if expectation == "tanh" {
                #expect(spread > 0.8, "the tanh network is sure of both classes: spread \(spread)")
            } else {
                // No line splits a disc from a ring: the best it can do is hedge near one half everywhere.
                #expect(spread < 0.3 && values.allSatisfy { abs($0 - 0.5) < 0.2 }, "identity spread \(spread)")
            }
        }
    }
}

/// "the slope of the loss and the slope of the sigmoid cancel exactly, leaving ∂L/∂z = ŷ − y":
/// the backprop lesson's cross-entropy widget, from its page's settings.
@Suite("What the backprop lesson says of its widget")
struct BackpropLessonClaimsTests {
    @Test func withCrossEntropyTheOutputsGradientIsExactlyPredictionMinusTarget() throws {
        let host = WidgetTesting.host("backprop", ["layers": .integers([2, 2, 1]), "activation": .text("sigmoid"),
                                                   "loss": .text("crossEntropy")])
        let widget = try #require(WidgetTesting.state(host, as: BackpropWidget.self))
        let pass = widget.pass
        let predicted = try #require(pass.activations.last?.first)
        let gradient = try #require(pass.preActivationGradients.last?.first)
        // Computed by hand from the prediction and the target, not by the chain of slopes.
        #expect(abs(gradient - (predicted - widget.target[0])) <= 1e-6 * max(1, abs(predicted)))
    }
}

extension DescentLessonClaimsTests {
    /// "The first step is bigger: … η/√(1 − α), ten times η for α = 0.99"; "at t = 1 … the first step is η".
    @Test func rmspropsFirstStepIsTenTimesEtaAndAdamsIsEta() throws {
        for (optimizer, factor) in [("rmsprop", Float(10)), ("adam", Float(1))] {
            var host = WidgetTesting.host("descent", ["surface": .text("bowl"), "learningRate": .number(0.01),
                                                      "optimizers": .texts([optimizer])])
            let widget = try Self.steps(&host, 1)
            let run = try #require(widget.runs.first)
            let start = LossSurface.bowl.start
            // Each coordinate moves by the same amount, whatever its gradient: the step's size per weight.
            #expect(abs(abs(run.position.x - start.0) - 0.01 * factor) < 1e-4, "\(optimizer): \(run.position.x - start.0)")
            #expect(abs(abs(run.position.y - start.1) - 0.01 * factor) < 1e-4, "\(optimizer): \(run.position.y - start.1)")
        }
    }
}

extension DescentLessonClaimsTests {
    /// "It starts where the worked example did, at x = 2 (with y = 1 beside it) … Enter … x goes 2, 1.6, 1.28."
    @Test func theFirstDescentWidgetWalksTheWorkedExample() throws {
        var tutor = CoreLessons.tutor(lesson: "descent", page: "Walking downhill", width: 100, height: 40)
        tutor.press(.tab)
        var xs: [Float] = []
        for _ in 0..<3 {
            tutor.press(.enter)
            xs.append(try #require(tutor.widget(DescentWidget.self)?.runs.first?.position.x))
        }
        let expected: [Float] = [1.6, 1.28, 1.024]
        #expect(zip(xs, expected).allSatisfy { abs($0 - $1) < 1e-5 }, "\(xs)")
        // y = 1 shrinks by the same factor 0.8 each step: 0.8, 0.64, 0.512.
        #expect(abs((tutor.widget(DescentWidget.self)?.runs.first?.position.y ?? 0) - 0.512) < 1e-5)
    }
}
