import Canvas
import Foundation
import Neural
import Testing
@testable import App

/// The playground driven by messages, as the runner drives it, with a stepped live-training host.
@Suite("Playground screen")
struct PlaygroundScreenTests {
    /// The spec of the last `.start` among `requests`.
    static func lastStart(_ requests: [LiveTrainingRequest]) -> LiveTrainingSpec? {
        requests.reversed().lazy.compactMap { if case .start(_, let spec) = $0 { spec } else { nil } }.first
    }

    static func sizes(_ network: Network) -> [Int] {
        [network.inputSize] + network.parameterLayerIndices.map { network.layers[$0].outputSize }
    }

    @Test func homeOpensThePlaygroundWithAPausedRun() throws {
        var tutor = Fixtures.tutor()
        // Two lessons load, so the playground is the third entry.
        tutor.press(.down, .down)
        let effects = tutor.press(.enter)
        guard case .playground(let playground) = tutor.screen else {
            Issue.record("Enter on the playground entry should open it")
            return
        }
        #expect(!playground.isRunning && !tutor.isAnimating)
        guard case .live(.start(let run, let spec))? = effects.first else {
            Issue.record("opening should start the live run, got \(effects)")
            return
        }
        #expect(run == PlaygroundScreen.run)
        #expect(!spec.startsPlaying)
        #expect(Self.sizes(spec.network) == [2, 8, 8, 1])
        // 500 spiral points split 50:50; the screen measures the test set itself, unless early stopping needs the trainer to.
        #expect(spec.training.count == 250 && spec.validation == nil)
        #expect(spec.configuration.batchSize == 10 && spec.configuration.loss == .binaryCrossEntropy)
        let text = tutor.screenText
        #expect(text.contains("Playground") && text.contains("epoch 0") && text.contains("paused"))
        #expect(text.contains("spiral"))
    }

    @Test func spaceTrainsAndTheRunIsExactlyTheEngines() throws {
        var driver = PlaygroundDriver(batchesPerFrame: 25)
        let before = driver.screen[driver.screen.count - 2]
        driver.press(.character(" "))
        #expect(driver.tutor.isAnimating)
        #expect(driver.liveRequests().last == .send(PlaygroundScreen.run, .play))
        driver.frames(60)
        // 250 training points in batches of 10 are 25 batches an epoch; 60 frames of 25 batches are 60 epochs.
        #expect(driver.playground.epoch == 60)
        #expect(driver.screen[0].contains("epoch 60") && driver.screen[0].contains("training"))
        let after = driver.screen[driver.screen.count - 2]
        #expect(before != after, "the loss read-out moves")
        let lossBefore = try #require(Self.trainLoss(before)), lossAfter = try #require(Self.trainLoss(after))
        #expect(lossAfter < lossBefore)

        var trainer = try #require(Self.lastStart(driver.liveRequests())).makeTrainer()
        for _ in 0..<1500 { trainer.step() }
        let shown = try #require(driver.playground.network)
        #expect(shown.hasSameParameters(as: trainer.network), "the screen shows the engine's weights after the same steps")
    }

    /// The training loss from the status line, `loss 0.6650 train …`.
    static func trainLoss(_ line: String) -> Float? {
        guard let range = line.range(of: "loss ") else { return nil }
        return Float(line[range.upperBound...].prefix { $0 != " " })
    }

    @Test func pauseStepAndEpoch() throws {
        var driver = PlaygroundDriver(batchesPerFrame: 5)
        driver.press(.character(" "))
        driver.frames(3)
        driver.press(.character(" "))
        #expect(!driver.playground.isRunning && !driver.tutor.isAnimating)
        driver.frames(1)
        let paused = driver.playground.stepCount
        #expect(paused == 15)
        driver.frames(5)
        #expect(driver.playground.stepCount == paused, "a paused run does not move")
        #expect(driver.screen[0].contains("paused"))

        driver.press(.character("s"))
        driver.frames(1)
        #expect(driver.playground.stepCount == paused + 1)
        driver.press(.character("e"))
        driver.frames(1)
        // 16 batches were done, an epoch is 25: the epoch key finishes it.
        #expect(driver.playground.epoch == 1 && driver.playground.stepCount == 25)
        #expect(driver.screen[0].contains("epoch 1 "))
    }

    @Test func addingLayersAndNeuronsAndChangingActivationsRebuildsTheNetwork() throws {
        var driver = PlaygroundDriver(width: 120, height: 40)
        let start = driver.effects.count
        driver.press(.character("]"))
        var spec = try #require(Self.lastStart(driver.liveRequests(from: start)))
        #expect(Self.sizes(spec.network) == [2, 8, 8, 8, 1])
        driver.press(.character("+"))
        spec = try #require(Self.lastStart(driver.liveRequests(from: start)))
        #expect(Self.sizes(spec.network) == [2, 8, 8, 9, 1])
        driver.frames(1)
        #expect(driver.text.contains("2→8→8→9→1"))

        // `a` moves the layer to the next activation: tanh → sigmoid.
        driver.press(.character("a"))
        #expect(driver.playground.configuration.hiddenLayers.map(\.activation) == [.tanh, .tanh, .sigmoid])
        spec = try #require(Self.lastStart(driver.liveRequests(from: start)))
        #expect(spec.network.specs.contains(.activation(.sigmoid, size: 9)))
        driver.frames(1)
        #expect(driver.text.contains("h3 sigmoid"))

        driver.press(.character("-"), .character("["))
        spec = try #require(Self.lastStart(driver.liveRequests(from: start)))
        #expect(Self.sizes(spec.network) == [2, 8, 8, 1])
        // A new network starts from epoch 0 with weights drawn from the seed: the same as the first ones.
        let first = try #require(Self.lastStart(Array(driver.liveRequests(from: 0).prefix(1))))
        #expect(spec.network.hasSameParameters(as: first.network))
    }

    @Test func theScreenNotTheCodeSetsTheLimits() throws {
        var small = PlaygroundDriver(width: 80, height: 24)
        let limits = small.tutor.playgroundLayout.limits(for: small.playground)
        for _ in 0..<40 { small.press(.character("+")) }
        #expect(small.playground.configuration.hiddenLayers.last?.neurons == limits.neurons)
        #expect(small.text.contains("as many neurons as the screen can show"))

        var large = PlaygroundDriver(width: 160, height: 60)
        let largeLimits = large.tutor.playgroundLayout.limits(for: large.playground)
        #expect(largeLimits.neurons > limits.neurons && largeLimits.hiddenLayers > limits.hiddenLayers)
        for _ in 0..<40 { large.press(.character("+")) }
        #expect(large.playground.configuration.hiddenLayers.last?.neurons == min(48, largeLimits.neurons))
    }

    @Test func aNewLearningRateGoesToTheRunAndKeepsTheWeights() throws {
        var driver = PlaygroundDriver()
        driver.press(.character("s"), .character("s"))
        driver.frames(1)
        let weights = try #require(driver.playground.network)
        // Walk down to the learning rate and raise it one step: 0.03 → 0.1.
        while driver.playground.control != .learningRate { driver.press(.down) }
        let start = driver.effects.count
        driver.press(.right)
        #expect(driver.liveRequests(from: start) == [.send(PlaygroundScreen.run, .setLearningRate(0.1))])
        driver.frames(1)
        #expect(driver.playground.training?.learningRate == 0.1)
        #expect(try #require(driver.playground.network).hasSameParameters(as: weights))
        #expect(driver.screen[0].contains("lr 0.1"))
    }

    @Test func aNewOptimizerGoesOnFromTheCurrentWeights() throws {
        var driver = PlaygroundDriver(batchesPerFrame: 25)
        driver.press(.character(" "))
        driver.frames(4)
        driver.press(.character(" "))
        driver.frames(1)
        let epochs = driver.playground.epoch
        #expect(epochs == 4)
        let weights = try #require(driver.playground.network)
        while driver.playground.control != .optimizer { driver.press(.down) }
        let start = driver.effects.count
        driver.press(.right)
        let spec = try #require(Self.lastStart(driver.liveRequests(from: start)))
        #expect(spec.configuration.optimizer == .momentum(0.9))
        #expect(spec.network.hasSameParameters(as: weights), "training goes on from where it was")
        driver.frames(1)
        #expect(driver.playground.epoch == epochs && driver.playground.history.count == epochs)
        driver.press(.character("e"))
        driver.frames(1)
        #expect(driver.playground.epoch == epochs + 1 && driver.playground.history.last?.epoch == epochs + 1)
    }

    @Test func divergenceIsCaughtNamedAndRecovered() throws {
        // ReLU regression with squared error and a huge step: the weights run away to infinity.
        var configuration = PlaygroundConfiguration.starting(with: "plane")
        configuration.hiddenLayers = [.init(neurons: 8, activation: .relu), .init(neurons: 8, activation: .relu)]
        configuration.learningRate = 100
        var driver = PlaygroundDriver(configuration: configuration, batchesPerFrame: 25)
        driver.press(.character(" "))
        for _ in 0..<50 where !driver.playground.isDiverged { driver.frames(1) }
        #expect(driver.playground.isDiverged)
        #expect(!driver.playground.isRunning && !driver.tutor.isAnimating, "a diverged run pauses")
        let text = driver.text
        #expect(text.contains("Diverged") && text.contains("learning rate 100") && text.contains("Try 10"))
        #expect(driver.screen[0].contains("diverged"))
        // Playing again explains what to do instead of going on with weights that ran away.
        driver.press(.character(" "))
        #expect(driver.text.contains("press r to reset"))

        driver.press(.character("u"))
        driver.frames(1)
        #expect(driver.playground.configuration.learningRate == 10)
        #expect(!driver.playground.isDiverged && driver.playground.epoch == 0)
        #expect(!driver.text.contains("Diverged"))
        let initial = try #require(driver.playground.initialNetwork?.network)
        #expect(try #require(driver.playground.network).hasSameParameters(as: initial), "reset goes back to the first weights")
    }

    @Test func resetGoesBackToTheFirstWeightsAndEpochZero() throws {
        var driver = PlaygroundDriver(batchesPerFrame: 25)
        driver.press(.character(" "))
        driver.frames(3)
        driver.press(.character("r"))
        driver.frames(1)
        #expect(!driver.playground.isRunning && driver.playground.epoch == 0 && driver.playground.history.isEmpty)
        let initial = try #require(driver.playground.initialNetwork?.network)
        #expect(try #require(driver.playground.network).hasSameParameters(as: initial))
        #expect(driver.screen[0].contains("epoch 0"))
    }

    @Test func inputsSwitchOnAndOff() throws {
        var driver = PlaygroundDriver(width: 120, height: 40)
        driver.press(.character("3"), .character("6"))
        #expect(driver.playground.configuration.inputs == [.x1, .x2, .x1Squared, .sinX1])
        let spec = try #require(Self.lastStart(driver.liveRequests()))
        #expect(spec.network.inputSize == 4)
        // sin x1 of the first training point, scaled as the network sees it.
        let data = try #require(driver.playground.data)
        let raw = data.rawTraining.features[0, 0]
        let scaler = try #require(data.scaler)
        #expect(abs(data.training.features[0, 3] - (sin(raw) - scaler.offsets[3]) / scaler.scales[3]) < 1e-5)
        driver.frames(1)
        #expect(driver.text.contains("x1²") && driver.text.contains("sin x1"))
        // The last input cannot be switched off.
        driver.press(.character("1"), .character("2"), .character("3"), .character("6"))
        #expect(driver.playground.configuration.inputs == [.sinX1])
    }

    @Test func aSelectedNeuronShowsItsFormulaAndALinkItsWeight() throws {
        var driver = PlaygroundDriver(width: 120, height: 40)
        driver.press(.tab)
        #expect(driver.playground.selection == PlaygroundSelection(layer: 3, neuron: 0))
        driver.press(.left)
        driver.frames(1)
        let network = try #require(driver.playground.network)
        let dense = network.layers[network.parameterLayerIndices[1]]
        let first = String(format: "%.2f", abs(dense.weights[0, 0]))
        #expect(driver.text.contains("h2.1 = tanh(") && driver.text.contains(first + "·h1.1"))
        #expect(driver.text.contains("at train example 1"))

        driver.press(.enter)
        #expect(driver.playground.selection?.link == 0)
        #expect(driver.text.contains("link h1.1 → h2.1"))
        driver.press(.character("="))
        driver.press(.control("u"))
        driver.type("0.5")
        let start = driver.effects.count
        driver.press(.enter)
        let spec = try #require(Self.lastStart(driver.liveRequests(from: start)))
        #expect(spec.network.layers[spec.network.parameterLayerIndices[1]].weights[0, 0] == 0.5)
        #expect(driver.text.contains("Weight set to 0.5"))
    }

    @Test func promptsTakeEveryKeyAsText() {
        var driver = PlaygroundDriver()
        driver.press(.character("w"), .control("u"))
        driver.type("quiz?m")
        #expect(!driver.tutor.hasQuit && driver.tutor.overlay == nil)
        #expect(driver.playground.prompt?.text == "quiz?m")
        #expect(driver.screen[driver.screen.count - 2].contains("quiz?m"))
        driver.press(.escape)
        #expect(driver.playground.prompt == nil)
        #expect(driver.tutor.screen.isPlayground, "Escape closes the prompt, not the playground")
    }

    @Test func aTypedNameReplacesTheSuggestionAndThePromptSaysWhichFolder() throws {
        var driver = PlaygroundDriver()
        // Nothing is written: a relative name would land in the folder the tests run in.
        driver.files = { request in
            if case .save(let save, _) = request { return .saved(configurationPath: save.configurationPath, modelPath: save.modelPath) }
            return .failed("not opened in this test")
        }
        driver.press(.character("w"))
        // The suggestion is shown, not typed: what the learner types replaces it.
        #expect(driver.playground.prompt?.text == "")
        #expect(driver.playground.prompt?.suggestion == "playground-spiral")
        let promptLine = driver.screen[driver.screen.count - 2]
        #expect(promptLine.contains("Save (.yaml, .safetensors) in ") && promptLine.contains("playground-spiral (Enter)"), "\(promptLine)")
        driver.type("my-run")
        driver.press(.enter)
        let save = driver.effects.compactMap { effect -> PlaygroundSave? in
            if case .playground(.save(let save, _)) = effect { return save } else { return nil }
        }.last
        #expect(save?.configurationPath == "my-run.yaml", "not playground-spiralmy-run.yaml")
        // Enter alone takes the suggestion: the file just saved.
        driver.press(.character("o"))
        #expect(driver.playground.prompt?.answer == "my-run.yaml")
        driver.press(.escape)
    }

    @Test func aSaveWhereNothingCanBeWrittenSaysWhyAndWritesNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("playground-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("run.yaml"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var driver = PlaygroundDriver()
        driver.press(.character("w"), .control("u"))
        driver.type(folder.appendingPathComponent("run").path)
        driver.press(.enter)
        #expect(driver.playground.notice == "\(folder.path)/run.yaml is a folder: type a file name, such as \(folder.path)/run.yaml/run")
        driver.press(.character("w"), .control("u"))
        driver.type(folder.appendingPathComponent("missing/run").path)
        driver.press(.enter)
        #expect(driver.playground.notice == "Nothing saved: the folder \(folder.path)/missing does not exist; create it first or type another path.")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["run.yaml"], "nothing was written")
        // The sequence mode's saves are checked by the same rules, with its own example name.
        #expect(PlaygroundFiles.check([folder.appendingPathComponent("run.yaml").path], example: "names")
                == .refused("\(folder.path)/run.yaml is a folder: type a file name, such as \(folder.path)/run.yaml/names"))
        #expect(PlaygroundFiles.check([folder.appendingPathComponent("a.yaml").path, folder.appendingPathComponent("b.yaml").path], example: "names")
                == .writable(existing: []))
    }

    @Test func savingWritesTheConfigurationAndTheModelAndOpeningReadsThemBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("playground-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var driver = PlaygroundDriver(batchesPerFrame: 25)
        driver.press(.character("4"))
        driver.press(.character(" "))
        driver.frames(2)
        driver.press(.character(" "))
        driver.frames(1)
        driver.press(.character("w"), .control("u"))
        driver.type(folder.appendingPathComponent("run").path)
        driver.press(.enter)
        let yaml = folder.appendingPathComponent("run.yaml").path
        #expect(driver.text.contains("Saved"))

        let saved = try PlaygroundConfiguration.read(from: yaml)
        var expected = driver.playground.configuration
        expected.epochs = 2
        #expect(saved == expected)
        let model = try SavedModel.read(from: folder.appendingPathComponent("run.safetensors"))
        #expect(model.network.hasSameParameters(as: try #require(driver.playground.network)))
        #expect(model.featureNames == ["x1", "x2", "x2²"] && model.loss == .binaryCrossEntropy)

        // Saving again over the same name asks first: any key but y keeps the files, and q answers rather
        // than quitting; y writes the new weights.
        let firstWritten = try Data(contentsOf: folder.appendingPathComponent("run.safetensors"))
        let firstYAML = try String(contentsOfFile: yaml, encoding: .utf8)
        driver.press(.character("s"))
        driver.frames(1)
        for answer in [Key.character("q"), .escape, .character("n")] {
            driver.press(.character("w"), .control("u"))
            driver.type(folder.appendingPathComponent("run").path)
            driver.press(.enter)
            #expect(driver.playground.notice == "\(yaml) and \(folder.path)/run.safetensors already exist: press y to replace, any other key to keep.")
            driver.press(answer)
            #expect(!driver.tutor.hasQuit && driver.tutor.screen.isPlayground)
            #expect(driver.playground.notice == "Nothing saved: the files were kept.")
            #expect(try Data(contentsOf: folder.appendingPathComponent("run.safetensors")) == firstWritten)
            #expect(try String(contentsOfFile: yaml, encoding: .utf8) == firstYAML)
        }
        driver.press(.character("w"), .control("u"))
        driver.type(folder.appendingPathComponent("run").path)
        driver.press(.enter, .character("y"))
        #expect(driver.playground.notice?.hasPrefix("Saved \(yaml)") == true, "\(driver.playground.notice ?? "")")
        #expect(try SavedModel.read(from: folder.appendingPathComponent("run.safetensors")).network
            .hasSameParameters(as: try #require(driver.playground.network)))
        #expect(try Data(contentsOf: folder.appendingPathComponent("run.safetensors")) != firstWritten)

        // Change things, then open the file: the saved settings come back, from epoch 0.
        driver.press(.character("]"), .character("g"))
        driver.press(.character("o"), .control("u"))
        driver.type(yaml)
        driver.press(.enter)
        driver.frames(1)
        var reopened = saved
        reopened.epochs = 2
        #expect(driver.playground.configuration == reopened)
        #expect(driver.playground.epoch == 0)
        #expect(driver.text.contains("Opened"))

        // Opening the model instead: its layers and weights, ready to train on.
        let trained = try SavedModel.read(from: folder.appendingPathComponent("run.safetensors")).network
        #expect(!trained.hasSameParameters(as: model.network), "y wrote the weights of a step later")
        driver.press(.character("["))
        driver.press(.character("o"), .control("u"))
        driver.type(folder.appendingPathComponent("run.safetensors").path)
        driver.press(.enter)
        driver.frames(1)
        #expect(driver.playground.configuration.hiddenLayers.map(\.neurons) == [8, 8])
        #expect(try #require(driver.playground.network).hasSameParameters(as: trained))
        driver.press(.character("s"), .character("r"))
        driver.frames(1)
        #expect(try #require(driver.playground.network).hasSameParameters(as: trained), "reset comes back to the model's weights")
        // A model for other inputs does not fit.
        driver.press(.character("5"))
        driver.press(.character("o"), .control("u"))
        driver.type(folder.appendingPathComponent("run.safetensors").path)
        driver.press(.enter)
        #expect(driver.playground.notice?.contains("takes 3 inputs and gives 1 outputs, but this data has 4 inputs") == true)

        driver.press(.character("o"), .control("u"))
        driver.type(folder.appendingPathComponent("missing.yaml").path)
        driver.press(.enter)
        #expect(driver.playground.notice?.hasSuffix("missing.yaml: no such file: check the path") == true)
    }

    @Test func slowSpeedsStepEveryFrame() throws {
        var configuration = PlaygroundConfiguration()
        configuration.speed = .slowest
        var driver = PlaygroundDriver(configuration: configuration)
        driver.press(.character(" "))
        #expect(driver.liveRequests().last == .send(PlaygroundScreen.run, .step(batches: 1)))
        driver.frames(10)
        // One batch a frame: each snapshot asks for the next batch, which the host trains a frame later.
        #expect(driver.playground.stepCount == 10)
        #expect(driver.host.trainer(of: PlaygroundScreen.run)?.stepCount == 10)
        #expect(driver.host.needsPolling, "the eleventh batch waits for the next frame")
        #expect(driver.playground.isRunning && driver.tutor.isAnimating)
    }

    @Test func escapeGoesHomeAndStopsTheRun() {
        var driver = PlaygroundDriver()
        let start = driver.effects.count
        driver.press(.escape)
        #expect(driver.liveRequests(from: start) == [.stop(PlaygroundScreen.run)])
        guard case .home(let home) = driver.tutor.screen else {
            Issue.record("Escape should go home")
            return
        }
        #expect(home.selected == 2, "home comes back with the playground selected")
        #expect(driver.host.runs.isEmpty)
    }

    @Test func clicksChooseSettingsNeuronsAndTheChartCursor() throws {
        var driver = PlaygroundDriver(width: 120, height: 40, batchesPerFrame: 25)
        driver.press(.character(" "))
        driver.frames(20)
        driver.press(.character(" "))
        let layout = driver.tutor.playgroundLayout
        // The noise line of the settings: focus it, then click the right half of its value to raise it.
        let lines = driver.playground.controlLines()
        let row = try #require(lines.firstIndex { $0.control == .noise }) - driver.playground.controlScroll(height: layout.controls.height)
        driver.run(driver.tutor.update(.click(x: 2, y: layout.controls.y + row)))
        #expect(driver.playground.control == .noise)
        driver.run(driver.tutor.update(.click(x: layout.controls.right - 2, y: layout.controls.y + row)))
        #expect(driver.playground.configuration.noise == 0.05)

        // The output neuron: the last column of the diagram.
        let diagram = try #require(driver.playground.diagram(maps: nil)).layout(in: layout.diagramBody, wantsMaps: true)
        let column = try #require(diagram.columns.last), top = try #require(diagram.rows.last?.first)
        driver.run(driver.tutor.update(.click(x: column, y: top)))
        #expect(driver.playground.selection == PlaygroundSelection(layer: 3, neuron: 0))
        #expect(driver.playground.focus == .network)
    }
}

/// Early stopping and the test curve the screen measures itself.
@Suite("Playground early stopping and test curve")
struct PlaygroundStoppingTests {
    @Test func earlyStoppingHandsTheTestSetToTheTrainerAndSaysWhenItStopped() throws {
        // Few noisy points and big steps: the test loss soon stops improving.
        var configuration = PlaygroundConfiguration.starting(with: "circle")
        configuration.points = 50
        configuration.noise = 0.5
        configuration.learningRate = 3
        configuration.patience = 5
        var driver = PlaygroundDriver(configuration: configuration, batchesPerFrame: 3)
        let spec = try #require(PlaygroundScreenTests.lastStart(driver.liveRequests()))
        #expect(spec.validation?.count == 25 && spec.configuration.patience == 5)
        driver.press(.character(" "))
        for _ in 0..<2000 where driver.playground.isRunning { driver.frames(1) }
        guard case .stoppedEarly(let best)? = driver.playground.training?.status else {
            Issue.record("expected early stopping, got \(String(describing: driver.playground.training?.status))")
            return
        }
        #expect(driver.playground.epoch == best + 5, "stopped five epochs after the best one")
        #expect(!driver.tutor.isAnimating)
        #expect(driver.screen[0].contains("stopped early"))
        driver.press(.character(" "))
        #expect(driver.text.contains("The run stopped early"))
    }

    @Test func theTestCurveIsMeasuredOnEveryNewStep() throws {
        var driver = PlaygroundDriver(batchesPerFrame: 25)
        driver.press(.character(" "))
        driver.frames(8)
        let trace = driver.playground.testTrace
        // The first snapshot (step 0) and one per frame of training after it.
        #expect(trace.count == 9)
        #expect(trace.map(\.epoch) == (0...8).map(Double.init))
        let data = try #require(driver.playground.data)
        let network = try #require(driver.playground.network)
        let measured = PlaygroundEvaluation.measure(network, data.test, loss: .binaryCrossEntropy)
        #expect(trace.last?.loss == measured.loss && trace.last?.accuracy == measured.accuracy)
        driver.frames(1)
        #expect(driver.text.contains("test"))
        driver.press(.character("r"))
        driver.frames(1)
        #expect(driver.playground.testTrace.count == 1, "reset starts the curve again")
    }
}
