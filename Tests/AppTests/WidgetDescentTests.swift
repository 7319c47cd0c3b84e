import Canvas
import Neural
import Testing
@testable import App

@Suite("Gradient descent widget")
struct WidgetDescentTests {
    /// Plays until every run stops, and returns the widget.
    static func run(_ host: inout WidgetHost) throws -> DescentWidget {
        host.press(.character(" "))
        var ticks = 0
        while host.isAnimating && ticks < 100_000 {
            _ = host.update(.tick)
            ticks += 1
        }
        return try #require(WidgetTesting.state(host, as: DescentWidget.self))
    }

    @Test func stepsAreTheEnginesSgdUpdate() throws {
        var host = WidgetTesting.host("descent", ["surface": .text("bowl"), "learningRate": .number(0.1)])
        host.press(.enter)
        let widget = try #require(WidgetTesting.state(host, as: DescentWidget.self))
        let start = LossSurface.bowl.start
        // On L = x² + y² the gradient is (2x, 2y), so one step of η = 0.1 multiplies both by 0.8.
        let position = try #require(widget.runs.first?.position)
        #expect(abs(position.x - start.0 * 0.8) < 1e-6 && abs(position.y - start.1 * 0.8) < 1e-6)
    }

    @Test func aGoodRateReachesTheBottomATinyOneCrawlsAndALargeOneDiverges() throws {
        var good = WidgetTesting.host("descent", ["surface": .text("bowl"), "learningRate": .number(0.1)])
        let converged = try Self.run(&good)
        guard case .converged(let steps)? = converged.runs.first?.status else {
            Issue.record("η = 0.1 should reach the bottom of the bowl: \(String(describing: converged.runs.first?.status))")
            return
        }
        // Each step multiplies the distance by 0.8: from about 3 to below 10⁻³ takes about 36 steps.
        #expect(steps > 25 && steps < 60)

        var tiny = WidgetTesting.host("descent", ["surface": .text("bowl"), "learningRate": .number(0.001)])
        for _ in 0..<40 { tiny.press(.enter) }
        let crawling = try #require(WidgetTesting.state(tiny, as: DescentWidget.self))
        #expect(crawling.runs[0].isCrawling)
        #expect(tiny.text().contains { $0.contains("crawling") })

        var large = WidgetTesting.host("descent", ["surface": .text("bowl"), "learningRate": .number(1.1)])
        let diverged = try Self.run(&large)
        guard case .diverged? = diverged.runs.first?.status else {
            Issue.record("η = 1.1 multiplies the distance by −1.2 each step and must diverge")
            return
        }
        #expect(large.text().contains { $0.contains("diverged") })
    }

    @Test func aRateJustBelowTheLimitOscillates() throws {
        var host = WidgetTesting.host("descent", ["surface": .text("bowl"), "learningRate": .number(0.9)])
        for _ in 0..<10 { host.press(.enter) }
        let widget = try #require(WidgetTesting.state(host, as: DescentWidget.self))
        // Factor 1 − 2·0.9 = −0.8: every step jumps to the other side of the bottom.
        #expect(widget.runs[0].isOscillating)
        #expect(host.text().contains { $0.contains("oscillating") })
    }

    @Test func momentumBeatsPlainDescentAlongTheRavine() throws {
        var host = WidgetTesting.host("descent", ["surface": .text("ravine"), "learningRate": .number(0.04),
                                                  "optimizers": .texts(["sgd", "momentum"])])
        for _ in 0..<60 { host.press(.enter) }
        let widget = try #require(WidgetTesting.state(host, as: DescentWidget.self))
        #expect(widget.runs.map(\.kind.name) == ["sgd", "momentum"])
        #expect(widget.runs[1].losses.last! < widget.runs[0].losses.last!)
    }

    @Test func raceKeysAndLearningRateKeysRestartFromTheStart() throws {
        var host = WidgetTesting.host("descent", ["surface": .text("ravine"), "learningRate": .number(0.1)])
        host.press(.character("o"))
        var widget = try #require(WidgetTesting.state(host, as: DescentWidget.self))
        #expect(widget.runs.map(\.kind.name) == ["sgd", "momentum", "rmsprop", "adam"])
        host.press(.enter, .character("+"))
        widget = try #require(WidgetTesting.state(host, as: DescentWidget.self))
        #expect(widget.learningRate == 0.2 && widget.runs.allSatisfy { $0.steps == 0 })
        host.press(.right)
        widget = try #require(WidgetTesting.state(host, as: DescentWidget.self))
        #expect(abs(widget.start.x - (LossSurface.ravine.start.0 + 0.2)) < 1e-6)
        host.press(.left, .left, .left)
        widget = try #require(WidgetTesting.state(host, as: DescentWidget.self))
        #expect(abs(widget.start.x - -2.8) < 1e-6, "the start stays inside the picture")
        host.press(.character("s"))
        #expect(WidgetTesting.state(host, as: DescentWidget.self)?.surface == .saddle)
        let lines = host.text(width: 76, glyphs: .ascii, colors: .none)
        #expect(lines.allSatisfy { displayWidth(of: $0) == 76 })
    }
}
