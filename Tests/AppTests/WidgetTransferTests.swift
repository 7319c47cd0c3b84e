import Canvas
import Curriculum
import Foundation
import Neural
import Testing
@testable import App

/// The transfer widget: the runs it asks for (data, locks, settings alike on both sides of the race), and
/// what it draws once those runs, trained here in the test's own thread, report back.
@Suite("Transfer widget")
struct WidgetTransferTests {
    /// The spec inside a `.live(.start)` effect.
    static func starts(_ effects: [Effect]) -> [(LiveRunID, LiveTrainingSpec)] {
        effects.compactMap { effect in
            if case .live(.start(let run, let spec)) = effect { return (run, spec) }
            return nil
        }
    }

    /// Trains `spec` to the end and returns the last snapshot, as the live host would deliver it.
    static func finished(_ run: LiveRunID, _ spec: LiveTrainingSpec) -> LiveSnapshot {
        var trainer = spec.makeTrainer()
        trainer.train()
        return LiveSnapshot(run: run, generation: 1, training: trainer.snapshot())
    }

    static func text(_ host: WidgetHost, width: Int = 76, glyphs: GlyphSet = .unicode) -> [String] {
        guard let widget = WidgetTesting.state(host, as: TransferWidget.self) else { return [] }
        return widget.lines(width: width, context: WidgetContext(glyphs: glyphs, colors: .none, isFocused: true)).map { spans in
            spans.map(\.text).joined().replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }

    @Test func theBodyTrainsOnZeroToFourAndTheRaceIsFairOnFiveToNine() throws {
        var host = WidgetTesting.host("transfer", ["epochs": .integer(10)])
        #expect(Self.text(host).contains { $0.contains("not trained yet") })
        let bodyStart = Self.starts(host.update(.key(.character(" "))))
        try #require(bodyStart.count == 1)
        let (bodyRun, bodySpec) = bodyStart[0]
        // The body: digits 0–4 only, five outputs, 80 % of them to train.
        let digits = try Dataset.digits()
        let lowerCount = digits.classCounts[0..<5].reduce(0, +)
        #expect(bodySpec.training.count + (bodySpec.validation?.count ?? 0) == lowerCount)
        #expect(abs(Double(bodySpec.validation?.count ?? 0) - Double(lowerCount) * 0.2) <= 3)
        #expect(bodySpec.network.outputSize == 5 && bodySpec.configuration.epochs == 30)
        #expect(host.update(.key(.character(" "))).isEmpty, "Space waits while the body trains")

        _ = host.update(.live(Self.finished(bodyRun, bodySpec)))
        var widget = try #require(WidgetTesting.state(host, as: TransferWidget.self))
        #expect(widget.stage == .ready)
        #expect(widget.locked == [0, 3], "both convolutions start locked")
        let bodyAccuracy = try #require(widget.body?.training.history.last?.validationAccuracy)
        #expect(bodyAccuracy > 0.9, "the body learns 0–4: \(bodyAccuracy)")

        let race = Self.starts(host.update(.key(.character(" "))))
        try #require(race.count == 2)
        let (transfer, scratch) = (race[0].1, race[1].1)
        // The same examples, settings and architecture; 20 of each of 5–9.
        #expect(transfer.training.hasSameExamples(as: scratch.training))
        #expect(transfer.validation.map { scratch.validation?.hasSameExamples(as: $0) ?? false } == true)
        #expect(transfer.configuration == scratch.configuration)
        #expect(transfer.network.specs == scratch.network.specs)
        #expect(transfer.training.count == 100)
        var perClass = [Int](repeating: 0, count: 5)
        for row in 0..<transfer.training.count {
            let target = transfer.training.targets.row(row)
            perClass[target.firstIndex(of: target.max()!)!] += 1
        }
        #expect(perClass == [20, 20, 20, 20, 20])
        // The transfer side keeps the body's numbers and locks them; only the head trains (64·5 + 5).
        let trained = try #require(widget.trainedBody)
        #expect(transfer.network.layers[0].parameters[0].values == trained.layers[0].parameters[0].values)
        #expect(transfer.network.layers[3].parameters[0].values == trained.layers[3].parameters[0].values)
        #expect(transfer.network.trainableParameterCount == 325)
        #expect(scratch.network.trainableParameterCount == 1573)
        #expect(scratch.network.layers[0].parameters[0].values != trained.layers[0].parameters[0].values)

        for (run, spec) in race { _ = host.update(.live(Self.finished(run, spec))) }
        widget = try #require(WidgetTesting.state(host, as: TransferWidget.self))
        let lines = Self.text(host)
        #expect(lines.contains { $0.contains("transfer  epoch  10/10") && $0.contains("trains 325 numbers") })
        #expect(lines.contains { $0.contains("scratch   epoch  10/10") && $0.contains("trains 1573 numbers") })
        // The two bars are drawn at one length, whatever the digits of the numbers each side trains.
        let bars = lines.filter { $0.contains("epoch  10/10") }.map { line in line.filter { $0 == "█" || $0 == "░" }.count }
        #expect(bars.count == 2 && bars[0] == bars[1] && bars[0] > 0, "\(bars)")
        let a = try #require(widget.race[0]?.training.history.last?.validationAccuracy)
        let b = try #require(widget.race[1]?.training.history.last?.validationAccuracy)
        let count = transfer.validation?.count ?? 0
        let digitsApart = Int((abs(a - b) * Float(count)).rounded())
        let verdict = try #require(lines.last)
        if digitsApart == 0 {
            #expect(verdict.contains("tie"))
        } else {
            #expect(verdict.hasPrefix(a > b ? "The trained body wins" : "From scratch wins"))
            #expect(verdict.contains("\(digitsApart) of the \(count) held-out digits"))
        }
    }

    @Test func theKeysLockAndUnlockEachConvolution() throws {
        var host = WidgetTesting.host("transfer", ["lock": .text("none")])
        #expect(host.update(.key(.character("1"))) == [.screen(.keyNotUsed)], "nothing to lock before the body is trained")
        let (run, spec) = try #require(Self.starts(host.update(.key(.character(" ")))).first)
        var quick = spec
        quick.configuration.epochs = 2
        _ = host.update(.live(Self.finished(run, quick)))
        var widget = try #require(WidgetTesting.state(host, as: TransferWidget.self))
        #expect(widget.locked.isEmpty)
        host.press(.character("2"))
        widget = try #require(WidgetTesting.state(host, as: TransferWidget.self))
        #expect(widget.locked == [3])
        let lines = Self.text(host)
        #expect(lines.contains { $0.hasPrefix("  1  □ trains  layer 0  Conv2d(1 → 8, 3×3, pad 1)  80 numbers") })
        #expect(lines.contains { $0.hasPrefix("  2  ■ locked  layer 3  Conv2d(8 → 16, 3×3, pad 1)  1168 numbers") })
        let race = Self.starts(host.update(.key(.enter)))
        #expect(race.first?.1.network.trainableParameterCount == 80 + 325)
        // Reset: the race stops, the locks go back, the trained body stays.
        let effects = host.update(.reset)
        #expect(effects.count == 2)
        widget = try #require(WidgetTesting.state(host, as: TransferWidget.self))
        #expect(widget.stage == .ready && widget.locked.isEmpty && widget.trainedBody != nil)
        let ascii = Self.text(host, glyphs: .ascii).joined()
        let strangers = ascii.unicodeScalars.filter { !$0.isASCII }.map(String.init)
        #expect(strangers.isEmpty, "\(Set(strangers))")
    }
}

/// While a race trains, the screen is redrawn from each snapshot; a whole 120×40 screen with the widget must
/// draw at least 30 times a second (in a debug build, on a busy machine: the best of several rounds counts).
@Suite("Transfer widget: frame time")
struct LessonWidgetFrameTimeTests {
    static func framesPerSecond(_ tutor: Tutor) -> Double {
        var best = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<10 { _ = tutor.view() }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / 10)
        }
        return 1 / best
    }

    @Test func theRaceDrawsThirtyFramesASecondAtOneHundredTwentyByForty() throws {
        var tutor = WidgetTesting.tutor(page: "```widget transfer\nepochs: 10\n```", width: 120, height: 40)
        _ = tutor.update(.key(.tab))
        _ = tutor.update(.key(.character(" ")))
        let widget = try #require(tutor.widget(TransferWidget.self))
        var body = widget.setup.bodySpec()
        body.configuration.epochs = 2
        _ = tutor.update(.live(WidgetTransferTests.finished(widget.bodyRun, body)))
        _ = tutor.update(.key(.character(" ")))
        #expect(tutor.widget(TransferWidget.self)?.stage == .racing)
        // Two runs part-way, as the screen sees them during the race.
        let trained = try #require(tutor.widget(TransferWidget.self)?.trainedBody)
        for (run, spec) in zip(widget.raceRuns, [widget.setup.transferSpec(body: trained, locked: [0, 3]), widget.setup.scratchSpec()]) {
            var trainer = spec.makeTrainer()
            trainer.trainEpoch()
            _ = tutor.update(.live(LiveSnapshot(run: run, generation: 1, training: trainer.snapshot(isPlaying: true))))
        }
        #expect(tutor.screenText.contains("epoch   1/10"), "the race shows on the screen")
        let fps = Self.framesPerSecond(tutor)
        #expect(fps >= 30, "\(fps) frames a second")
    }
}
