import Canvas
import Curriculum
import Foundation
import Neural
import Testing
@testable import App

/// The `cnn` widget: the run it asks for, paced play, and what it draws for the digit under the cursor,
/// checked against a plain convolution and max-pooling written out here.
@Suite("CNN widget")
struct WidgetCNNTests {
    static func widget(_ host: WidgetHost) throws -> CNNWidget {
        try #require(WidgetTesting.state(host, as: CNNWidget.self))
    }

    static func text(_ host: WidgetHost, width: Int = 76, height: Int = .max, glyphs: GlyphSet = .unicode) -> [String] {
        guard let widget = WidgetTesting.state(host, as: CNNWidget.self) else { return [] }
        return widget.lines(width: width, height: height, context: WidgetContext(glyphs: glyphs, colors: .none, isFocused: true)).map { spans in
            spans.map(\.text).joined().replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }

    /// The start request among `effects`.
    static func start(_ effects: [Effect]) -> (LiveRunID, LiveTrainingSpec)? {
        for effect in effects { if case .live(.start(let run, let spec)) = effect { return (run, spec) } }
        return nil
    }

    /// Trains `spec` for `epochs` (all of them when nil) and returns the snapshot the host would deliver.
    static func trained(_ run: LiveRunID, _ spec: LiveTrainingSpec, epochs: Int? = nil) -> LiveSnapshot {
        var trainer = spec.makeTrainer()
        if let epochs { for _ in 0..<epochs { trainer.trainEpoch() } } else { trainer.train() }
        return LiveSnapshot(run: run, generation: 1, training: trainer.snapshot())
    }

    /// Relays a widget's live requests to `live` and its snapshots back, one poll.
    static func relay(_ effects: [Effect], to live: SteppedLiveTraining, host: inout WidgetHost) {
        for effect in effects { if case .live(let request) = effect { live.perform(request) } }
        for snapshot in live.poll() { relay(host.update(.live(snapshot)), to: live, host: &host) }
    }

    /// relu(b + Σ W·X) over the zero-padded 8×8 image, the plain way: one filter's feature map.
    static func referenceMap(pixels: [Float], weights: [Float], bias: Float) -> [Float] {
        var map = [Float](repeating: 0, count: 64)
        for y in 0..<8 {
            for x in 0..<8 {
                var sum = bias
                for i in 0..<3 {
                    for j in 0..<3 {
                        let row = y + i - 1, column = x + j - 1
                        guard (0..<8).contains(row), (0..<8).contains(column) else { continue }
                        sum += weights[i * 3 + j] * pixels[row * 8 + column]
                    }
                }
                map[y * 8 + x] = max(0, sum)
            }
        }
        return map
    }

    /// The largest of each 2×2 block of an 8×8 map.
    static func referencePool(_ map: [Float]) -> [Float] {
        (0..<4).flatMap { y in
            (0..<4).map { x in
                max(map[(2 * y) * 8 + 2 * x], map[(2 * y) * 8 + 2 * x + 1], map[(2 * y + 1) * 8 + 2 * x], map[(2 * y + 1) * 8 + 2 * x + 1])
            }
        }
    }

    @Test func theRunIsTheLessonsNetworkOnEightyPercentOfTheDigits() throws {
        var host = WidgetTesting.host("cnn")
        #expect(try Self.widget(host).liveRuns.isEmpty)
        let (run, spec) = try #require(Self.start(host.update(.key(.character(" ")))))
        #expect(run == LiveRunID("test:1"))
        let digits = try Dataset.digits()
        #expect(spec.training.count + (spec.validation?.count ?? 0) == digits.count)
        #expect(spec.validation?.count == Int((Double(digits.count) * 0.2).rounded()))
        let lessons = try ArchitectureDescription(parsing: "conv 8 3 pad 1, relu, maxpool 2, flatten, dense 10, softmax")
        #expect(try lessons.network(inputShape: [1, 8, 8], seed: 9).specs == spec.network.specs)
        // 8·(1·3·3 + 1) = 80 in the convolution, 128·10 + 10 = 1290 in the head.
        #expect(spec.network.parameterCount == 80 + 1290)
        #expect(spec.network.shapes == [[1, 8, 8], [8, 8, 8], [8, 8, 8], [8, 4, 4], [128], [10], [10]])
        #expect(spec.configuration.batchSize == 32 && spec.configuration.learningRate == 0.003 && spec.configuration.epochs == 15)
        #expect(!spec.startsPlaying, "play goes a few batches at a time")
    }

    @Test func playAsksForBatchesOnTicksAndStopsWhenDone() throws {
        var host = WidgetTesting.host("cnn", ["epochs": .integer(5)])
        let live = SteppedLiveTraining(batchesPerPoll: 0)
        Self.relay(host.update(.key(.character(" "))), to: live, host: &host)
        #expect(try Self.widget(host).isPlaying && host.isAnimating)
        #expect(live.trainer(of: LiveRunID("test:1"))?.stepCount == 1, "Space trains the first batch at once")
        // 60 batches a second: one batch a tick.
        for _ in 0..<30 { Self.relay(host.update(.tick), to: live, host: &host) }
        #expect(live.trainer(of: LiveRunID("test:1"))?.stepCount == 31)
        // `<` halves the pace to 15 a second: one batch every four ticks.
        host.press(.character("<"))
        for _ in 0..<40 { Self.relay(host.update(.tick), to: live, host: &host) }
        #expect(live.trainer(of: LiveRunID("test:1"))?.stepCount == 41)
        // Space pauses: ticks ask for nothing.
        host.press(.character(" "))
        for _ in 0..<10 { Self.relay(host.update(.tick), to: live, host: &host) }
        #expect(live.trainer(of: LiveRunID("test:1"))?.stepCount == 41)
        #expect(!host.isAnimating)
        // Enter trains to the end of the epoch, and the accuracy on the held-out digits appears.
        Self.relay(host.update(.key(.enter)), to: live, host: &host)
        let widget = try Self.widget(host)
        #expect(widget.snapshot?.training.epoch == 1)
        let accuracy = try #require(widget.testAccuracy)
        #expect(Self.text(host).first?.contains("epoch 1/5") == true)
        #expect(Self.text(host).first?.contains("test accuracy " + WidgetText.number(accuracy * 100, decimals: 1, glyphs: .unicode) + " %") == true)
        // The fastest pace to the end: play stops by itself when the run is done.
        host.press(.character(">"), .character(">"))
        Self.relay(host.update(.key(.character(" "))), to: live, host: &host)
        var ticks = 0
        while try Self.widget(host).isPlaying, ticks < 400 {
            Self.relay(host.update(.tick), to: live, host: &host)
            ticks += 1
        }
        #expect(try Self.widget(host).snapshot?.training.status == .finished)
        #expect(!host.isAnimating)
        #expect(Self.text(host).first?.contains("finished") == true)
        // r, then Space at once: the run goes back to its first weights and plays from there.
        let reset = host.update(.reset)
        #expect(reset == [.live(.send(LiveRunID("test:1"), .reset))])
        let play = host.update(.key(.character(" ")))
        #expect(play.contains(.live(.send(LiveRunID("test:1"), .step(batches: 1)))))
        #expect(try Self.widget(host).isPlaying)
        Self.relay(reset + play, to: live, host: &host)
        #expect(live.trainer(of: LiveRunID("test:1"))?.stepCount == 1)
    }

    @Test func aLateSnapshotDoesNotSlowThePace() throws {
        var host = WidgetTesting.host("cnn")
        let live = SteppedLiveTraining(batchesPerPoll: 0)
        Self.relay(host.update(.key(.character(" "))), to: live, host: &host)
        // The run answers only every third frame: the next request asks for the batches earned meanwhile,
        // so one second of ticks still trains 60 batches.
        for tick in 1...60 {
            for effect in host.update(.tick) { if case .live(let request) = effect { live.perform(request) } }
            if tick % 3 == 0 {
                for snapshot in live.poll() { Self.relay(host.update(.live(snapshot)), to: live, host: &host) }
            }
        }
        #expect(live.trainer(of: LiveRunID("test:1"))?.stepCount == 61)
    }

    @Test func trainingChangesTheFiltersAndTheHeldOutAccuracyIsTheNetworks() throws {
        var host = WidgetTesting.host("cnn")
        let (run, spec) = try #require(Self.start(host.update(.key(.character(" ")))))
        let before = try Self.widget(host).inspection.filters
        _ = host.update(.live(Self.trained(run, spec)))
        let widget = try Self.widget(host)
        let network = try #require(widget.snapshot?.training.network)
        #expect(widget.inspection.filters != before, "the filters are learned")
        // The accuracy shown is the share of held-out digits whose most probable class is their label.
        let outputs = network.predict(widget.setup.test.features)
        var right = 0
        for index in 0..<widget.setup.test.count {
            let row = outputs.row(index)
            if row.firstIndex(of: row.max()!) == widget.setup.label(ofTest: index) { right += 1 }
        }
        let accuracy = try #require(widget.testAccuracy)
        #expect(abs(accuracy - Float(right) / Float(widget.setup.test.count)) < 1e-6)
        #expect(accuracy > 0.93, "a small CNN learns the digits: \(accuracy)")
        #expect(widget.wrongDigits().count == widget.setup.test.count - right)
    }

    @Test func theMapsArePaddedConvolutionReluAndMaxPoolingOfTheCursorsDigit() throws {
        var host = WidgetTesting.host("cnn")
        let (run, spec) = try #require(Self.start(host.update(.key(.character(" ")))))
        _ = host.update(.live(Self.trained(run, spec, epochs: 2)))
        host.press(.right, .right, .right)
        let widget = try Self.widget(host)
        #expect(widget.cursor == 3)
        let network = try #require(widget.snapshot?.training.network)
        let weights = network.parameter("weight", ofLayer: 0).values.storage
        let bias = network.parameter("bias", ofLayer: 0).values.storage
        let pixels = widget.setup.test.features.row(3)
        #expect(widget.inspection.maps.count == 8 && widget.inspection.pooled.count == 8)
        for filter in 0..<8 {
            let map = Self.referenceMap(pixels: pixels, weights: Array(weights[filter * 9 ..< filter * 9 + 9]), bias: bias[filter])
            let shown = widget.inspection.maps[filter].storage.prefix(64)
            #expect(zip(shown, map).allSatisfy { abs($0 - $1) < 1e-3 }, "filter \(filter + 1)'s map")
            let pooled = widget.inspection.pooled[filter].storage.prefix(16)
            #expect(zip(pooled, Self.referencePool(map)).allSatisfy { abs($0 - $1) < 1e-3 }, "filter \(filter + 1)'s pooled map")
        }
        let lines = Self.text(host)
        #expect(lines.contains { $0.contains("held-out digit 4 of \(widget.setup.test.count)") })
        #expect(lines.contains { $0.contains("\(widget.setup.label(ofTest: 3) == 8 ? "an" : "a") \(widget.setup.label(ofTest: 3)); the network says \(widget.inspection.guess)") })
        // The digit is drawn two columns a pixel, full ink (1) darkest, row by row from the top of the block.
        let top = try #require(lines.firstIndex { $0.contains("held-out digit") })
        let shades = CNNWidget.shades(.unicode)
        for row in 0..<8 {
            let expected = pixels[row * 8 ..< row * 8 + 8].map { value -> String in
                let shade = shades[Int((value * Float(shades.count - 1)).rounded())]
                return String([shade, shade])
            }.joined().replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            // The text is read with its trailing spaces cut, so a row of paper at the right compares cut too.
            #expect(lines[top + row].hasPrefix(expected), "row \(row + 1) of the digit")
        }
        #expect(lines[top ..< top + 8].contains { $0.contains("█") }, "the ink shows")
        // ← from the first digit wraps round to the last.
        host.press(.left, .left, .left, .left)
        #expect(try Self.widget(host).cursor == widget.setup.test.count - 1)
    }

    @Test func wJumpsToTheNextHeldOutDigitTheNetworkGetsWrong() throws {
        var host = WidgetTesting.host("cnn")
        let (run, spec) = try #require(Self.start(host.update(.key(.character(" ")))))
        _ = host.update(.live(Self.trained(run, spec, epochs: 1)))
        let network = try #require(try Self.widget(host).snapshot?.training.network)
        let setup = try Self.widget(host).setup
        let outputs = network.predict(setup.test.features)
        func isRight(_ index: Int) -> Bool {
            let row = outputs.row(index)
            return row.firstIndex(of: row.max()!) == setup.label(ofTest: index)
        }
        let firstWrong = try #require((1..<setup.test.count).first { !isRight($0) })
        host.press(.character("w"))
        let widget = try Self.widget(host)
        #expect(widget.cursor == firstWrong)
        #expect(widget.inspection.guess != setup.label(ofTest: firstWrong))
        #expect(Self.text(host).contains { $0.contains("the network says") && $0.hasSuffix("✗") })
    }

    @Test func theCountsAreTheLessonsWorkedNumbers() throws {
        let host = WidgetTesting.host("cnn")
        let lines = Self.text(host)
        // 8·(1·9 + 1) = 80; 64·512 + 512 = 33,280; 80 + 128·10 + 10 = 1,370, as the lesson works them out.
        #expect(lines.contains { $0.contains("conv 8 3 pad 1: 8·(1·3·3 + 1) = 80, 512 outputs") })
        #expect(lines.contains { $0.contains("a dense layer 64 → 512: 33,280") })
        #expect(lines.contains { $0.contains("the whole CNN: 80 + 1,290 (dense 128 → 10) = 1,370") })
        #expect(lines.first?.contains("untrained: Space trains") == true)
    }

    @Test func asciiAndNoColourDrawEverything() throws {
        var host = WidgetTesting.host("cnn")
        let (run, spec) = try #require(Self.start(host.update(.key(.character(" ")))))
        _ = host.update(.live(Self.trained(run, spec, epochs: 1)))
        let ascii = Self.text(host, glyphs: .ascii).joined()
        let strangers = ascii.unicodeScalars.filter { !$0.isASCII }.map(String.init)
        #expect(strangers.isEmpty, "\(Set(strangers))")
        #expect(ascii.contains("#"), "ink is drawn")
        let buffer = host.render(width: 120, height: 40, glyphs: .ascii, colors: .none, isFocused: true)
        #expect(buffer.cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
        #expect(buffer.lines.contains { $0.contains("max-pooled 2x2 to 4x4") })
    }

    @Test func aShortAreaKeepsTheMapsInView() throws {
        let host = WidgetTesting.host("cnn")
        let full = Self.text(host)
        let short = Self.text(host, height: 22)
        #expect(full.count > 22 && short.count <= 22)
        #expect(short.contains { $0.contains("feature maps 8×8 after relu") } && short.contains { $0.contains("max-pooled 2×2 to 4×4") })
        let count = try Self.widget(host).setup.test.count
        #expect(short.contains { $0.contains("held-out digit 1 of \(count): a ") })
        // With 256 colours the pictures go two pixels a cell, and the filters fit too.
        let coloured = host.render(width: 80, height: 20, glyphs: .unicode, colors: .palette256, isFocused: true).lines
        #expect(coloured.contains { $0.contains("filters 3×3 of conv layer 0") } && coloured.contains { $0.contains("max-pooled 2×2 to 4×4") })
        #expect(coloured.contains { $0.contains("▀") })
        // A narrow widget shows as many filters as fit and says so.
        let narrow = Self.text(host, width: 40)
        #expect(narrow.contains { $0.contains("need a wider terminal") })
        #expect(narrow.allSatisfy { $0.count <= 40 })
    }
}
