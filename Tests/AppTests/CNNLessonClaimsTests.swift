import Canvas
import Curriculum
import Foundation
import Neural
import Testing
@testable import App

/// Every sentence of the convolutional-networks lesson that sends the learner to a widget, held by driving
/// the widget as the sentence says. The numbers are worked by hand in the lesson from the first 7 of the set.
@Suite("What the CNN lesson says of its widgets")
struct CNNLessonClaimsTests {
    static func widget(_ host: WidgetHost) throws -> ConvolutionWidget {
        try #require(WidgetTesting.state(host, as: ConvolutionWidget.self))
    }

    static func cursorValue(_ host: WidgetHost) throws -> Float {
        let widget = try widget(host)
        return widget.output[widget.row * widget.outputSide + widget.column]
    }

    /// "it starts on the worked window and shows 14; Enter moves the window one step and shows 15", and the
    /// three rows the page prints are the image's.
    @Test func theKernelPageStartsOnTheWorkedWindow() throws {
        var host = try LessonWidgetClaimTests.host(lesson: "cnn", page: "A kernel sliding over a digit", widget: "convolution")
        let widget = try Self.widget(host)
        #expect(Array(widget.pixels[0..<24]) == [0, 0, 7, 8, 13, 16, 15, 1, 0, 0, 7, 7, 4, 11, 12, 0, 0, 0, 0, 0, 8, 13, 1, 0])
        #expect(widget.weights == [-1, 0, 1, -1, 0, 1, -1, 0, 1])
        #expect(widget.outputSide == 6)
        #expect(try Self.cursorValue(host) == 14)
        host.press(.enter)
        #expect(try Self.cursorValue(host) == 15)
        host.press(.character("k"))
        #expect(try Self.widget(host).kernel == .horizontal)
        host.press(.character("k"))
        #expect(try Self.widget(host).kernel == .blur)
    }

    /// "starts with padding 1: the output is 8×8 and its formula line reads ⌊(8 − 3 + 2·1) / 1⌋ + 1 = 8. Press s
    /// for stride 2 and the output becomes 4×4, with a note saying which column is dropped."
    @Test func theSizePageShowsTheFormulaTrue() throws {
        var host = try LessonWidgetClaimTests.host(lesson: "cnn", page: "Size, padding and stride", widget: "convolution")
        #expect(try Self.widget(host).outputSide == 8)
        var lines = WidgetConvolutionTests.text(host)
        #expect(lines.contains { $0.contains("⌊(8 − 3 + 2·1) / 1⌋ + 1 = 8") })
        host.press(.character("s"))
        #expect(try Self.widget(host).outputSide == 4)
        lines = WidgetConvolutionTests.text(host)
        #expect(lines.contains { $0.contains("⌊(8 − 3 + 2·1) / 2⌋ + 1 = 4 → 4×4") })
        #expect(lines.contains { $0.contains("dropped") })
        // "p cycles the padding from 0 to 2 and + and - change the kernel size from 1 to 5"
        var paddings: [Int] = []
        for _ in 0..<3 { host.press(.character("p")); paddings.append(try Self.widget(host).padding) }
        #expect(paddings == [2, 0, 1])
        for _ in 0..<6 { host.press(.character("+")) }
        #expect(try Self.widget(host).kernelSize == 5)
        for _ in 0..<6 { host.press(.character("-")) }
        #expect(try Self.widget(host).kernelSize == 1)
    }

    /// "starts in pooling mode on those blocks: Enter walks them (0, 8, 16), and m switches back to the kernel".
    @Test func thePoolingPageWalksTheWorkedBlocks() throws {
        var host = try LessonWidgetClaimTests.host(lesson: "cnn", page: "Pooling", widget: "convolution")
        #expect(try Self.widget(host).pooling)
        #expect(try Self.widget(host).outputSide == 4)
        var values: [Float] = [try Self.cursorValue(host)]
        for _ in 0..<2 {
            host.press(.enter)
            values.append(try Self.cursorValue(host))
        }
        #expect(values == [0, 8, 16])
        host.press(.character("m"))
        #expect(try !Self.widget(host).pooling)
    }

    /// "8 filters of 3×3 on a 1-channel 8×8 image with padding 1 learns 8·(1·9 + 1) = 80 numbers and gives
    /// 512 outputs; a dense layer from the 64 pixels to them would learn 64·512 + 512 = 33,280".
    @Test func theParameterCountsAreTheEnginesLayers() {
        var random = RandomSource(seed: 1)
        let conv = Conv2D(inputShape: [1, 8, 8], outputChannels: 8, kernelSize: 3, padding: 1, random: &random)
        #expect(conv.parameterCount == 80 && conv.outputSize == 512)
        let dense = Dense(inputSize: 64, outputSize: 512, initializer: .he, random: &random)
        #expect(dense.parameterCount == 33_280)
    }

    /// The page's network reads `1×8×8 → 16×8×8 → 16×4×4 → 32×4×4 → 32×2×2 → 128 → 10`.
    @Test func theDigitsNetworkHasTheShapesThePageShows() throws {
        let network = try ArchitectureDescription(parsing: "conv 16 3 pad 1, relu, maxpool 2, conv 32 3 pad 1, relu, maxpool 2, flatten, dense 10")
            .network(inputShape: [1, 8, 8], seed: 1)
        let shapes = [network.inputShape.description] + network.layers.map(\.outputShape.description)
        var distinct: [String] = []
        for shape in shapes where distinct.last != shape { distinct.append(shape) }
        #expect(distinct == ["1×8×8", "16×8×8", "16×4×4", "32×4×4", "32×2×2", "128", "10"])
    }

    /// "It learns from 80 % of the digits and keeps the other 359 aside … one batch of 32 digits at a time, at a
    /// pace of 60 batches a second (< and > change the pace), and 45 batches make an epoch. After every epoch the top line
    /// shows the accuracy on the 359 held-out digits; 15 epochs take it above 95 %."
    @Test func theLivePageTrainsAsItSays() throws {
        var host = try LessonWidgetClaimTests.host(lesson: "cnn", page: "Watching a CNN learn", widget: "cnn")
        let digits = try Dataset.digits()
        let widget = try #require(WidgetTesting.state(host, as: CNNWidget.self))
        #expect(widget.setup.test.count == 359 && widget.setup.training.count == digits.count - 359)
        #expect(widget.batchesPerSecond == 60)
        let effects = host.update(.key(.character(" ")))
        let (run, spec) = try #require(WidgetCNNTests.start(effects))
        #expect(effects.contains(.live(.send(run, .step(batches: 1)))))
        #expect(spec.configuration.batchSize == 32 && spec.configuration.epochs == 15)
        host.press(.character("<"))
        #expect(try #require(WidgetTesting.state(host, as: CNNWidget.self)).batchesPerSecond < 60)
        host.press(.character(">"), .character(">"))
        #expect(try #require(WidgetTesting.state(host, as: CNNWidget.self)).batchesPerSecond > 60)
        var trainer = spec.makeTrainer()
        var accuracies: [Float] = []
        trainer.train { accuracies.append($0.validationAccuracy ?? 0) }
        #expect(trainer.snapshot().batchesPerEpoch == 45)
        #expect(accuracies.count == 15)
        #expect(accuracies.last! > 0.95, "\(accuracies)")
        _ = host.update(.live(LiveSnapshot(run: run, generation: 1, training: trainer.snapshot())))
        let top = try #require(WidgetCNNTests.text(host).first)
        #expect(top.contains("epoch 15/15") && top.contains("test accuracy " + WidgetText.number(accuracies.last! * 100, decimals: 1, glyphs: .unicode) + " %"))
    }

    /// "faint where a weight is negative and solid where it is positive. They start as random numbers and change
    /// with every batch … the dense layer reads those 8·4·4 = 128 numbers", and the counts 80, 1,290, 1,370 and
    /// 33,280.
    @Test func theLivePageDrawsWhatItSays() throws {
        var host = try LessonWidgetClaimTests.host(lesson: "cnn", page: "Watching a CNN learn", widget: "cnn")
        let live = SteppedLiveTraining(batchesPerPoll: 0)
        var filters = [try #require(WidgetTesting.state(host, as: CNNWidget.self)).inspection.filters]
        WidgetCNNTests.relay(host.update(.key(.character(" "))), to: live, host: &host)
        filters.append(try #require(WidgetTesting.state(host, as: CNNWidget.self)).inspection.filters)
        WidgetCNNTests.relay(host.update(.tick), to: live, host: &host)
        filters.append(try #require(WidgetTesting.state(host, as: CNNWidget.self)).inspection.filters)
        #expect(filters[0] != filters[1] && filters[1] != filters[2], "every batch changes the filters")
        let widget = try #require(WidgetTesting.state(host, as: CNNWidget.self))
        // The shades: below the middle for every negative weight, above it for every positive one.
        let shades = CNNWidget.shades(.unicode)
        for filter in widget.inspection.filters {
            let bound = widget.inspection.filters.flatMap(\.storage).map(abs).max()!
            let drawn = widget.picture(filter, low: -bound, high: bound, columnsPerPixel: 1, glyphs: .unicode).joined()
            for (weight, shade) in zip(filter.storage.prefix(9), drawn) {
                let level = shades.firstIndex(of: shade)!
                #expect(weight < 0 ? level <= 2 : level >= 2)
            }
        }
        #expect(widget.network.layers[3].outputSize == 8 * 4 * 4)
        let lines = WidgetCNNTests.text(host)
        #expect(lines.contains { $0.contains("= 80,") } && lines.contains { $0.contains("33,280") })
        #expect(lines.contains { $0.contains("80 + 1,290 (dense 128 → 10) = 1,370") })
    }
}
