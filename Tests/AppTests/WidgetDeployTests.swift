import Canvas
import Foundation
import Neural
import PredictionService
import Testing
@testable import App

/// The `deploy` widget: an iris classifier served through `PredictionService`, its requests, latency and
/// the drift of its inputs, driven by keys and ticks and read from the buffer it draws.
@Suite("The deploy widget")
struct WidgetDeployTests {
    static func host() -> WidgetHost { WidgetTesting.host("deploy") }

    static func state(_ host: WidgetHost) throws -> DeployWidget {
        try #require(WidgetTesting.state(host, as: DeployWidget.self))
    }

    /// Ticks `count` times, returning the state after each.
    static func tick(_ host: inout WidgetHost, _ count: Int) throws -> [DeployWidget] {
        var states: [DeployWidget] = []
        for _ in 0..<count {
            _ = host.update(.tick)
            states.append(try state(host))
        }
        return states
    }

    @Test func enterSendsOneFlowerAndShowsTheAnswer() throws {
        var host = Self.host()
        let before = host.text().joined(separator: "\n")
        #expect(before.contains("sent    nothing yet"))
        #expect(before.contains("Press Enter to send one flower"))
        host.press(.enter)
        let widget = try Self.state(host)
        #expect(widget.sent == 1)
        #expect(widget.lastAnswer?.status == 200)
        let text = host.text().joined(separator: "\n")
        #expect(text.contains("POST /predict {\"features\": ["))
        #expect(text.contains(#/answer  200 (setosa|versicolor|virginica) \(probability [01]\.\d\d\)/#))
        #expect(text.contains("traffic 1 request, 0 refused"))
        #expect(text.contains("latency p50 "))
    }

    @Test func aBadRequestIsRefusedWithItsSentenceAndServingGoesOn() throws {
        var host = Self.host()
        host.press(.character("b"))
        var widget = try Self.state(host)
        #expect(widget.refused == 1)
        #expect(widget.lastAnswer?.status == 400)
        let text = host.text(width: 76, available: 30).joined(separator: " ")
        #expect(text.contains("400 Row 1 has 3 features but the model takes 4"))
        host.press(.enter)
        widget = try Self.state(host)
        #expect(widget.lastAnswer?.status == 200)
        #expect(widget.sent == 2)
    }

    @Test func theModelServedIsTheSavedFileReadBackAndAnswersLikeTheNetwork() throws {
        let deployed = try DeployedModel.make()
        // Every flower through the service's JSON equals the network's own argmax on the scaled row.
        let model = deployed.service.model
        var agree = 0
        for row in deployed.rows {
            let body = Array(("{\"features\": [" + row.map { String($0) }.joined(separator: ", ") + "]}").utf8)
            let answer = deployed.service.predict(body: body)
            let scaled = try #require(try? model.scaler?.apply(Matrix(rows: 1, columns: 4, elements: row)))
            let outputs = model.network.predict(scaled)
            var best = 0
            for index in 0..<outputs.columns where outputs[0, index] > outputs[0, best] { best = index }
            if DeployWidget.predictedClass(in: answer.body) == model.classNames[best] { agree += 1 }
        }
        #expect(agree == 150)
        #expect(deployed.sizes == [4, 8, 3])
    }

    @Test func spaceStreamsFiveRequestsATickAndPauses() throws {
        var host = Self.host()
        host.press(.character(" "))
        #expect(try Self.state(host).isAnimating)
        _ = try Self.tick(&host, 10)
        #expect(try Self.state(host).sent == 50)
        host.press(.character(" "))
        _ = try Self.tick(&host, 10)
        #expect(try Self.state(host).sent == 50)
        #expect(!(try Self.state(host).isAnimating))
    }

    @Test func resetClearsTheCountsAndTheShift() throws {
        var host = Self.host()
        host.press(.character("+"), .character(" "))
        _ = try Self.tick(&host, 4)
        host.press(.character("r"))
        let widget = try Self.state(host)
        #expect(widget.sent == 0 && widget.shift == 0 && !widget.isSending && widget.drift?.rowCount == 0)
    }

    @Test func drawsInASCIIWithoutUnicode() throws {
        var host = Self.host()
        host.press(.character("+"), .character("+"), .character(" "))
        _ = try Self.tick(&host, 20)
        let lines = host.text(width: 76, available: 30, glyphs: .ascii, colors: .none)
        #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "\(lines)")
        #expect(lines.joined().contains("us, p95"))
        #expect(lines.allSatisfy { $0.count <= 76 })
    }

    @Test func fitsEightyColumnsAndEveryLineHasRoom() throws {
        var host = Self.host()
        host.press(.character(" "))
        _ = try Self.tick(&host, 20)
        for width in [56, 76, 116] {
            let lines = host.text(width: width, available: 40)
            #expect(lines.contains { $0.contains("petal_length") })
            #expect(lines.contains { $0.contains("p99") })
            #expect(lines.allSatisfy { $0.count <= width + 4 })
        }
    }
}

/// Every sentence of the deployment lesson that sends the learner to the deploy widget, held by driving
/// the widget as the sentence says.
@Suite("What the deployment lesson says of its widget")
struct DeployLessonClaimsTests {
    /// "Press Space … five with every frame … Once 100 have gone, every drift bar sits within 0.3 of zero, the
    /// verdict says to keep serving, and at least 95 of the last 100 answers are the true species."
    @Test func unshiftedTrafficLooksLikeTheTrainingData() throws {
        var host = WidgetDeployTests.host()
        host.press(.character(" "))
        let states = try WidgetDeployTests.tick(&host, 60)
        for widget in states.dropFirst(20) {
            for feature in widget.drift?.features ?? [] {
                #expect(abs(feature.shift ?? 9) < 0.3, "\(feature.name) \(feature.shift ?? 9) after \(widget.sent)")
            }
            #expect(widget.rightCount >= 95, "\(widget.rightCount)")
        }
        let last = try #require(states.last)
        #expect(last.sent == 300)
        #expect(last.verdict(glyphs: .unicode).contains("Keep serving"))
    }

    /// "Press + four times: every flower sent has petals 2 cm longer … Once 100 more have gone … the petal_length
    /// bar runs past its mark, reads about +1.1 … is marked drifted, and the right answers fall to about two
    /// thirds."
    @Test func longerPetalsDriftAndTheAnswersGoWrong() throws {
        var host = WidgetDeployTests.host()
        host.press(.character(" "))
        _ = try WidgetDeployTests.tick(&host, 20)
        for _ in 0..<4 { host.press(.character("+")) }
        #expect(try WidgetDeployTests.state(host).shift == 2)
        let states = try WidgetDeployTests.tick(&host, 20)
        let widget = try #require(states.last)
        let petal = try #require(widget.drift?.features[2])
        #expect(petal.name == "petal_length")
        let shift = try #require(petal.shift)
        #expect(shift > 1.0 && shift < 1.2, "\(shift)")
        #expect(widget.driftedFeatures.map(\.name) == ["petal_length"])
        #expect(widget.verdict(glyphs: .unicode).contains("Drifted: petal_length"))
        #expect(widget.verdict(glyphs: .unicode).contains("retrain"))
        #expect(widget.rightCount >= 55 && widget.rightCount <= 80, "\(widget.rightCount)")
        let text = host.text(width: 76, available: 30).joined(separator: "\n")
        #expect(text.contains("drifted"))
        #expect(text.contains("petal_length +2.0 cm on every flower sent"))
    }

    /// "Press - four times to take the shift away: 100 requests later the window holds measured flowers again
    /// and the bar is back inside its marks."
    @Test func takingTheShiftAwayLetsTheDriftFade() throws {
        var host = WidgetDeployTests.host()
        host.press(.character(" "))
        for _ in 0..<4 { host.press(.character("+")) }
        _ = try WidgetDeployTests.tick(&host, 20)
        #expect(try WidgetDeployTests.state(host).driftedFeatures.count == 1)
        for _ in 0..<4 { host.press(.character("-")) }
        let widget = try #require(try WidgetDeployTests.tick(&host, 20).last)
        #expect(widget.driftedFeatures.isEmpty)
        #expect(abs(widget.drift?.features[2].shift ?? 9) < 0.3)
    }
}

/// The `input-drift` question: its answer is (recent mean − training mean) / training sd of the numbers it
/// states, worked here from the formula.
@Suite("The input-drift question")
struct InputDriftQuestionTests {
    @Test func theAnswerIsTheShiftOfTheStatedMeansInStatedDeviations() throws {
        for seed in UInt64(1)...200 {
            let question = GeneratedQuestion(template: .inputDrift, seed: seed)
            let numbers = GeneratedQuestionRangeTests.numbers(in: question.question)
            #expect(numbers.count == 3, "\(question.question)")
            guard numbers.count == 3 else { continue }
            let (mean, deviation, served) = (numbers[0], numbers[1], numbers[2])
            #expect(deviation > 0)
            #expect(abs(question.answer - (served - mean) / deviation) < 1e-4, "\(question.question)")
            #expect(question.explanation.contains(question.answer.magnitude > 0.5 ? "past the 0.5" : "within the 0.5"))
        }
    }
}
