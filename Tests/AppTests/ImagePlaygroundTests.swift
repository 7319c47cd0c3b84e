import Canvas
import Foundation
import Neural
import Testing
@testable import App

/// The tutor on the image playground with a stepped live-training host, as `PlaygroundDriver` for the dense one.
struct ImagePlaygroundDriver {
    var tutor: Tutor
    let host: SteppedLiveTraining
    private(set) var effects: [Effect] = []

    init(width: Int = 80, height: Int = 24, configuration: ImagePlaygroundConfiguration = ImagePlaygroundConfiguration(),
         batchesPerFrame: Int = 5, glyphs: GlyphSet = .unicode, colors: ColorMode = .palette256) {
        tutor = Tutor(library: Fixtures.library, width: width, height: height, colors: colors, glyphs: glyphs)
        host = SteppedLiveTraining(batchesPerPoll: batchesPerFrame, framesPerSecond: 60)
        run(tutor.openImagePlayground(ImagePlaygroundScreen(configuration: configuration)))
        frames(1)
    }

    mutating func run(_ newEffects: [Effect]) {
        var pending = newEffects
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            effects.append(effect)
            switch effect {
            case .live(let request): host.perform(request)
            case .playground(let request): pending += tutor.update(.playground(PlaygroundFiles.perform(request)))
            default: break
            }
        }
    }

    mutating func press(_ keys: Key...) {
        for key in keys { run(tutor.update(.key(key))) }
    }

    mutating func type(_ text: String) {
        for character in text { run(tutor.update(.key(.character(character)))) }
    }

    mutating func frames(_ count: Int) {
        for _ in 0..<count {
            let snapshots = host.poll()
            for snapshot in snapshots { run(tutor.update(.live(snapshot))) }
            if snapshots.isEmpty && tutor.isAnimating { run(tutor.update(.tick)) }
        }
    }

    var playground: ImagePlaygroundScreen {
        guard case .imagePlayground(let screen) = tutor.screen else { fatalError("the image playground is not on screen") }
        return screen
    }

    var screen: [String] { tutor.screenLines }
    var text: String { tutor.screenText }

    func liveRequests(from start: Int = 0) -> [LiveTrainingRequest] {
        effects.dropFirst(start).compactMap { if case .live(let request) = $0 { request } else { nil } }
    }
}

@Suite struct ImagePlaygroundScreenTests {
    /// The digits the screen holds out: a fifth of the bundled set, as `Dataset.split` rounds it.
    static let testCount = CNNSetup(epochs: 1).test.count

    @Test func opensOnTheDefaultCNNWithItsLayersFiltersAndMaps() {
        let driver = ImagePlaygroundDriver()
        let text = driver.text
        #expect(driver.screen[0].contains("Image playground") && driver.screen[0].contains("conv 8 3 → dense 10"))
        #expect(driver.screen[0].contains("paused"))
        #expect(text.contains("conv blocks") && text.contains("conv 1 filters") && text.contains("conv 1 kernel"))
        #expect(driver.screen.contains { $0.contains("conv 1 kernel") && $0.contains("3×3") })
        // conv 8 3: 8·(1·3·3 + 1) = 80; dense 128 → 10: 1,280 + 10 = 1,290; 1,370 in all.
        #expect(text.contains("parameters 1,370 (conv 80)"))
        #expect(text.contains("1×8×8→8×4×4→10"))
        #expect(text.contains("test digit 1 of \(Self.testCount)"))
        #expect(text.contains("conv 1: 8 filters 3×3") && text.contains("feature maps 8×8 after relu") && text.contains("max-pooled to 4×4"))
        // The first snapshot measures the untrained network: chance is about one digit in ten.
        #expect(text.contains("epoch 0 · batch 0/45 · test accuracy"))
        #expect(driver.screen[23].contains("Space play"))
        // 46 columns on the right hold the digit and four filters' columns of nine.
        #expect(text.contains("filters 5–8: a wider terminal shows them"))
    }

    @Test func spacePlaysOnTheWorkerAndTheTestCurvesFollow() throws {
        var driver = ImagePlaygroundDriver(batchesPerFrame: 45)
        let before = driver.effects.count
        driver.press(.character(" "))
        #expect(driver.liveRequests(from: before) == [.send(ImagePlaygroundScreen.run, .play)])
        #expect(driver.playground.isRunning && driver.tutor.isAnimating)
        driver.frames(6)
        let training = try #require(driver.playground.training)
        #expect(training.stepCount >= 5 * 45)
        let accuracy = try #require(driver.playground.testAccuracy)
        // The held-out accuracy from a plain count: argmax of the network's outputs against the labels.
        let setup = CNNSetup(epochs: 1)
        let outputs = training.network.predict(setup.test.features)
        let right = (0..<setup.test.count).filter { OneHot.argmax(of: outputs, row: $0) == setup.label(ofTest: $0) }.count
        #expect(accuracy == Float(right) / Float(setup.test.count))
        #expect(accuracy > 0.5, "five epochs of Adam learn the digits well past chance")
        #expect(driver.text.contains("test accuracy"))
        driver.press(.character(" "))
        #expect(!driver.playground.isRunning)
        #expect(driver.liveRequests().last == .send(ImagePlaygroundScreen.run, .pause))
    }

    @Test func stepAndResetAskTheRunAndComeBackToTheFirstWeights() throws {
        var driver = ImagePlaygroundDriver()
        driver.press(.character("s"))
        #expect(driver.liveRequests().last == .send(ImagePlaygroundScreen.run, .step(batches: 1)))
        driver.frames(1)
        #expect(driver.playground.training?.stepCount == 1)
        let first = driver.playground.initialNetwork.network
        #expect(!driver.playground.network.hasSameParameters(as: first))
        driver.press(.character("r"))
        driver.frames(1)
        #expect(driver.playground.training?.stepCount == 0)
        #expect(driver.playground.network.hasSameParameters(as: first))
    }

    @Test func blocksAreAddedAndRemovedAndAFourthIsRefusedWithASentence() throws {
        var driver = ImagePlaygroundDriver()
        driver.press(.character("]"))
        #expect(driver.playground.configuration.blocks.count == 2)
        guard case .start(_, let spec)? = driver.liveRequests().last(where: { if case .start = $0 { true } else { false } }) else {
            Issue.record("adding a block starts the run again")
            return
        }
        #expect(spec.network.architectureDescription?.text
                == "conv 8 3 pad 1, relu, maxpool 2, conv 8 3 pad 1, relu, maxpool 2, flatten, dense 10, softmax")
        // 80 + 8·(8·9 + 1) = 584 + (8·2·2·10 + 10) = 330: 994.
        #expect(driver.text.contains("parameters 994 (conv 664)"))
        #expect(driver.text.contains("conv 2: 8 filters 3×3"))
        driver.press(.character("]"))
        #expect(driver.playground.configuration.blocks.count == 3)
        driver.press(.character("]"))
        #expect(driver.playground.configuration.blocks.count == 3)
        #expect(driver.text.contains("Block 4 does not fit: 3 blocks already halve the 8x8 digit to 1x1."))
        driver.press(.character("["), .character("["), .character("["))
        #expect(driver.playground.configuration.blocks.isEmpty)
        // Without blocks the dense head reads the 64 pixels: 64·10 + 10 = 650.
        #expect(driver.text.contains("parameters 650 (conv 0)"))
        driver.press(.character("["))
        #expect(driver.text.contains("There is no conv block left to remove"))
    }

    @Test func filtersAndKernelSizeChangeThroughTheControls() {
        var driver = ImagePlaygroundDriver()
        driver.press(.down, .right)
        #expect(driver.playground.configuration.blocks[0].filters == 9)
        // 9·10 = 90 + 9·16·10 + 10 = 1,450: 1,540.
        #expect(driver.text.contains("parameters 1,540 (conv 90)"))
        driver.press(.down, .right)
        #expect(driver.playground.configuration.blocks[0].kernel == 5)
        // 9·(25 + 1) = 234 + 1,450: 1,684.
        #expect(driver.text.contains("parameters 1,684 (conv 234)"))
        #expect(driver.text.contains("conv 1: 9 filters 5×5"))
        driver.press(.character("c"))
        #expect(driver.playground.configuration.blocks[0].kernel == 5, "5 is the largest kernel offered")
        driver.press(.left)
        #expect(driver.playground.configuration.blocks[0].kernel == 3)
        driver.press(.character("-"))
        #expect(driver.playground.configuration.blocks[0].filters == 8)
    }

    @Test func learningRateChangesKeepTheWeightsAndOptimizerChangesCarryOn() {
        var driver = ImagePlaygroundDriver()
        driver.press(.down, .down, .down, .down) // blocks, filters, kernel, optimizer, learning rate
        let before = driver.effects.count
        driver.press(.right)
        #expect(driver.playground.configuration.learningRate == 0.01)
        #expect(driver.liveRequests(from: before) == [.send(ImagePlaygroundScreen.run, .setLearningRate(0.01))])
        driver.press(.up, .right)
        #expect(driver.playground.configuration.optimizer.name == "sgd", "after adam the optimizers wrap round")
    }

    @Test func theCursorMovesOverTheTestDigits() {
        var driver = ImagePlaygroundDriver()
        driver.press(.character("n"), .character("n"))
        #expect(driver.text.contains("test digit 3 of \(Self.testCount)"))
        driver.press(.character("p"), .character("p"), .character("p"))
        #expect(driver.text.contains("test digit \(Self.testCount) of \(Self.testCount)"))
        let setup = CNNSetup(epochs: 1)
        let label = setup.label(ofTest: Self.testCount - 1)
        #expect(driver.text.contains(": \(label == 8 ? "an" : "a") \(label), says"))
    }

    @Test func aDivergenceStopsTheRunAndSaysSo() throws {
        // Three blocks deep, plain steps of 100,000 send the logits to infinity within a few dozen batches.
        var configuration = ImagePlaygroundConfiguration()
        configuration.blocks = Array(repeating: .init(filters: 8, kernel: 3), count: 3)
        configuration.optimizer = .sgd
        configuration.learningRate = 100_000
        var driver = ImagePlaygroundDriver(configuration: configuration, batchesPerFrame: 10)
        driver.press(.character(" "))
        for _ in 0..<40 where !driver.playground.isDiverged { driver.frames(1) }
        #expect(driver.playground.isDiverged)
        #expect(!driver.playground.isRunning && !driver.tutor.isAnimating)
        #expect(driver.screen[0].contains("diverged"))
        #expect(driver.text.contains("Diverged at epoch") && driver.text.contains("with lr 100000: the run stopped."))
        driver.press(.character(" "))
        #expect(driver.text.contains("The run diverged: press r to reset"))
        driver.press(.character("u"))
        driver.frames(1)
        #expect(driver.playground.configuration.learningRate == 10_000)
        #expect(!driver.playground.isDiverged && driver.playground.epoch == 0)
    }

    @Test func fitsLargeTerminalsAndFallsBackToASCIIWithoutColour() {
        let large = ImagePlaygroundDriver(width: 120, height: 40)
        #expect(!large.text.contains("a wider terminal"), "82 columns hold the digit and all eight filters")
        #expect(large.screen[39].contains("Space play"))
        let plain = ImagePlaygroundDriver(glyphs: .ascii, colors: .none)
        let text = plain.text
        #expect(text.allSatisfy { $0.isASCII })
        #expect(text.contains("conv 1: 8 filters 3x3") && text.contains("1x8x8>8x4x4>10"))
        // Without colour the chosen setting is still marked, reversed.
        let tutor = plain.tutor.view()
        let row = plain.screen.firstIndex { $0.contains("conv blocks") } ?? 0
        let x = plain.screen[row].firstIndex(of: "c").map { plain.screen[row].distance(from: plain.screen[row].startIndex, to: $0) } ?? 0
        #expect(tutor[x, row].style.reverse)
    }

    @Test func helpNamesTheImagePlaygroundKeys() {
        var driver = ImagePlaygroundDriver(width: 100, height: 30)
        driver.press(.character("?"))
        #expect(driver.text.contains("Keys: image playground") && driver.text.contains("add/remove a conv block"))
        driver.press(.character("x"))
        driver.press(.escape)
        guard case .home = driver.tutor.screen else { Issue.record("Esc goes home"); return }
        #expect(driver.liveRequests().last == .stop(ImagePlaygroundScreen.run))
    }

    @Test func theDenseDatasetControlLeadsToTheImageModeAndDComesBack() {
        var driver = PlaygroundDriver(configuration: .starting(with: "moons"))
        for _ in 0..<2 { driver.press(.right) } // moons → iris → digits
        #expect(driver.playground.configuration.dataset == "digits")
        #expect(driver.text.contains("Right once more for digits (images)"))
        driver.press(.right)
        guard case .imagePlayground = driver.tutor.screen else {
            Issue.record("the image playground opens past the last dataset")
            return
        }
        #expect(driver.liveRequests().contains(.stop(PlaygroundScreen.run)))
        driver.press(.character("d"))
        #expect(driver.tutor.screen.isPlayground)
    }
}

@Suite struct ImagePlaygroundFileTests {
    @Test func theConfigurationRoundTripsThroughYAML() throws {
        var configuration = ImagePlaygroundConfiguration()
        configuration.blocks = [.init(filters: 16, kernel: 5), .init(filters: 4, kernel: 1)]
        configuration.optimizer = .sgd
        configuration.learningRate = 0.1
        configuration.batchSize = 8
        configuration.seed = 7
        configuration.speed = .slow
        configuration.epochs = 20
        let text = configuration.yaml()
        #expect(text.contains("mode: images\n"))
        #expect(text.contains("model: conv 16 5 pad 2, relu, maxpool 2, conv 4 1, relu, maxpool 2, flatten, dense 10, softmax\n"))
        #expect(ImagePlaygroundConfiguration.mode(ofYAML: text) == "images")
        #expect(try ImagePlaygroundConfiguration(yaml: text, file: "run.yaml") == configuration)
    }

    @Test(arguments: [
        ("mode: images\nmodel: conv 8 3 pad 1, relu, maxpool 2, flatten, dense 10\nspeed: quick\n", "run.yaml:3: 'speed' takes slow or full, not 'quick'"),
        ("mode: images\nlearningRate: -1\n", "run.yaml:2: 'learningRate' must be a positive number up to 1000000, not '-1'"),
        ("mode: images\nbatchsize: 8\n", "run.yaml:2: unknown setting 'batchsize': did you mean 'batchSize'?"),
        ("mode: images\nmodel: conv 8 3 pad 1, relu, maxpool 2, conv 8 3 pad 1, relu, maxpool 2, conv 8 3 pad 1, relu, maxpool 2, conv 8 3 pad 1, relu, maxpool 2, flatten, dense 10\n",
         "run.yaml:2: 'conv 8 3 pad 1, relu, maxpool 2, conv 8 3 pad 1, relu, maxpool 2, conv 8 3 pad 1, relu, maxpool 2, conv 8 3 pad 1, relu, maxpool 2, flatten, dense 10' does not fit the 8x8 digits"),
        ("mode: images\nmodel: conv 8 3, relu, maxpool 2, flatten, dense 10\n", "run.yaml:2: the image playground cannot edit 'conv 8 3, relu, maxpool 2, flatten, dense 10': each convolution here has"),
        ("mode: images\nmodel: conv 8 3 pad 1, relu, maxpool 2, flatten, dense 4\n", "run.yaml:2: the image playground cannot edit"),
        ("mode: images\nmodel: convolution 8\n", "run.yaml:2: the model does not parse:"),
        ("model: conv 8 3 pad 1, relu, maxpool 2, flatten, dense 10\n", "run.yaml:1: the file has no 'mode: images' line"),
        ("mode: pictures\n", "run.yaml:1: 'mode' is 'pictures', but this file is read as the image playground's"),
        ("mode: images\nepochs: [1, 2]\n", "run.yaml:2: 'epochs' needs one plain value"),
    ])
    func malformedFilesNameTheLineAndTheProblem(text: String, expected: String) {
        do {
            _ = try ImagePlaygroundConfiguration(yaml: text, file: "run.yaml")
            Issue.record("'\(text)' was read")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        }
    }

    @Test func saveWritesTheModelAndSettingsAndBothOpenAgain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imageplay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = ImagePlaygroundConfiguration()
        configuration.blocks = [.init(filters: 4, kernel: 3), .init(filters: 6, kernel: 1)]
        var driver = ImagePlaygroundDriver(configuration: configuration)
        driver.press(.character("s"))
        driver.frames(1)
        let trained = driver.playground.network
        let base = folder.appendingPathComponent("digits-cnn").path
        driver.press(.character("w"))
        driver.type(base)
        driver.press(.enter)
        #expect(driver.text.contains("Saved"))
        let model = try SavedModel.read(from: URL(fileURLWithPath: base + ".safetensors"))
        #expect(model.network.architectureDescription?.text == configuration.architectureText)
        #expect(model.network.hasSameParameters(as: trained))
        let yaml = try String(contentsOfFile: base + ".yaml", encoding: .utf8)
        #expect(yaml.contains("mode: images") && yaml.contains("model: conv 4 3 pad 1, relu, maxpool 2, conv 6 1, relu, maxpool 2"))

        // Saving again over the same name asks first; q answers (it keeps the files) rather than quitting.
        driver.press(.character("s"))
        driver.frames(1)
        let firstWritten = try Data(contentsOf: URL(fileURLWithPath: base + ".safetensors"))
        driver.press(.character("w"))
        driver.type(base)
        driver.press(.enter)
        #expect(driver.playground.notice == "\(base).yaml and \(base).safetensors already exist: press y to replace, any other key to keep.")
        driver.press(.character("q"))
        #expect(!driver.tutor.hasQuit)
        #expect(driver.playground.notice == "Nothing saved: the files were kept.")
        #expect(try Data(contentsOf: URL(fileURLWithPath: base + ".safetensors")) == firstWritten)
        #expect(try String(contentsOfFile: base + ".yaml", encoding: .utf8) == yaml)
        driver.press(.character("w"))
        driver.type(base)
        driver.press(.enter)
        driver.press(.character("y"))
        let replaced = driver.playground.network
        #expect(!replaced.hasSameParameters(as: trained), "a step was taken since the first save")
        #expect(driver.playground.notice == "Saved \(base).yaml and \(base).safetensors.")
        #expect(try SavedModel.read(from: URL(fileURLWithPath: base + ".safetensors")).network.hasSameParameters(as: driver.playground.network))
        #expect(try Data(contentsOf: URL(fileURLWithPath: base + ".safetensors")) != firstWritten)

        // The settings open in a fresh image playground, and in the dense one they switch to the image mode.
        var fresh = ImagePlaygroundDriver()
        fresh.press(.character("o"))
        fresh.type(base + ".yaml")
        fresh.press(.enter)
        #expect(fresh.playground.configuration == configuration)
        var dense = PlaygroundDriver()
        dense.press(.character("o"))
        dense.type(base + ".yaml")
        dense.press(.enter)
        guard case .imagePlayground(let opened) = dense.tutor.screen else {
            Issue.record("a mode: images file opens the image playground")
            return
        }
        #expect(opened.configuration == configuration)

        // The model file goes on from its weights.
        var fromModel = ImagePlaygroundDriver()
        fromModel.press(.character("o"))
        fromModel.type(base + ".safetensors")
        fromModel.press(.enter)
        #expect(fromModel.playground.configuration.blocks == configuration.blocks)
        #expect(fromModel.playground.initialNetwork.network.hasSameParameters(as: replaced), "the weights written by y")
        #expect(fromModel.text.contains("training goes on from its weights"))
    }

    @Test func aMalformedFileOpenedSaysWhyAndChangesNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imageplay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bad.yaml").path
        try "mode: images\nbatchSize: lots\n".write(toFile: path, atomically: true, encoding: .utf8)
        var driver = ImagePlaygroundDriver()
        let before = driver.playground.configuration
        driver.press(.character("o"))
        driver.type(path)
        driver.press(.enter)
        #expect(driver.text.contains("bad.yaml:2: 'batchSize' must be a whole number"))
        #expect(driver.playground.configuration == before)
    }
}
