import Canvas
import Foundation
import Neural
import Testing
@testable import App

@Suite("Activation widget")
struct WidgetActivationTests {
    @Test func theCursorReadsTheEnginesValueAndSlope() throws {
        var host = WidgetTesting.host("activation", ["functions": .texts(["sigmoid", "tanh"])])
        let widget = try #require(WidgetTesting.state(host, as: ActivationWidget.self))
        #expect(widget.cursor == 1)
        // σ(1) = 1 / (1 + e^−1) ≈ 0.731 and σ′(1) = σ(1)(1 − σ(1)) ≈ 0.197.
        let reading = try #require(widget.reading)
        #expect(abs(reading.value - 0.7311) < 1e-3 && abs(reading.slope - 0.1966) < 1e-3)
        #expect(host.text().contains { $0.contains("σ(z) = 0.731") && $0.contains("σ′(z) = 0.197") })

        // Four steps right: z = 2, on tanh: tanh(2) ≈ 0.964, tanh′(2) = 1 − 0.964² ≈ 0.071.
        host.press(.down, .right, .right, .right, .right)
        let moved = try #require(WidgetTesting.state(host, as: ActivationWidget.self))
        #expect(moved.entry == .function(.tanh) && moved.cursor == 2)
        let tanhReading = try #require(moved.reading)
        #expect(abs(tanhReading.value - Float(Foundation.tanh(2.0))) < 1e-5)
        #expect(abs(tanhReading.slope - (1 - tanhReading.value * tanhReading.value)) < 1e-5)
    }

    @Test func saturationIsNamedWhereTheSlopeVanishes() throws {
        var host = WidgetTesting.host("activation", ["functions": .texts(["sigmoid"])])
        for _ in 0..<12 { host.press(.right) }   // z = 4: σ′(4) ≈ 0.018 < 0.05
        let widget = try #require(WidgetTesting.state(host, as: ActivationWidget.self))
        #expect(widget.cursor == 4)
        #expect(widget.slopeNote?.hasPrefix("Saturated") == true)
        #expect(host.text().contains { $0.contains("Saturated") })
        host.press(.character("r"))
        #expect(WidgetTesting.state(host, as: ActivationWidget.self)?.slopeNote?.contains("steep enough") == true)
    }

    @Test func deadReluAndTheStepHaveNoSlopeToLearnFrom() throws {
        var host = WidgetTesting.host("activation", ["functions": .texts(["step", "relu", "leakyRelu"])])
        #expect(WidgetTesting.state(host, as: ActivationWidget.self)?.slopeNote?.contains("0 everywhere") == true)
        host.press(.down)
        for _ in 0..<8 { host.press(.left) }     // z = −1
        let relu = try #require(WidgetTesting.state(host, as: ActivationWidget.self))
        #expect(relu.reading?.slope == 0 && relu.slopeNote?.contains("dead") == true)
        host.press(.down)
        let leaky = try #require(WidgetTesting.state(host, as: ActivationWidget.self))
        #expect(abs((leaky.reading?.slope ?? 0) - 0.01) < 1e-6)
    }

    @Test func softmaxTurnsTheScoresIntoProbabilitiesThatSumToOne() throws {
        var host = WidgetTesting.host("activation", ["functions": .texts(["softmax"])])
        var widget = try #require(WidgetTesting.state(host, as: ActivationWidget.self))
        // Scores (2, 1, 0.1): e² / (e² + e + e^0.1) = 7.389 / 11.212 ≈ 0.659.
        #expect(abs(widget.probabilities[0] - 0.659) < 1e-3)
        host.press(.character("3"), .right, .right, .right, .right)   // score 3: 0.1 → 2.1
        widget = try #require(WidgetTesting.state(host, as: ActivationWidget.self))
        #expect(abs(widget.scores[2] - 2.1) < 1e-6)
        #expect(widget.probabilities[2] > widget.probabilities[0], "the largest score gets the largest share")
        #expect(abs(widget.probabilities.reduce(0, +) - 1) < 1e-5)
        #expect(host.text().contains { $0.contains("sum = 1.000") })
    }
}
