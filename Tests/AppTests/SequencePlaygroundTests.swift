import Canvas
import Foundation
import Neural
import Testing
@testable import App

/// The tutor on the playground's sequence mode with a stepped host: effects are carried out at once, each
/// frame polls the run.
struct SequenceDriver {
    var tutor: Tutor
    let host: SteppedLiveTraining
    private(set) var effects: [Effect] = []
    /// Answers file requests; by default on the real files.
    var files: @Sendable (SequenceFileRequest) -> SequenceFileResult = { SequencePlaygroundFiles.perform($0) }

    init(width: Int = 80, height: Int = 24, configuration: SequencePlaygroundConfiguration = SequencePlaygroundConfiguration(),
         batchesPerFrame: Int = 5, glyphs: GlyphSet = .unicode, colors: ColorMode = .palette256) {
        tutor = Tutor(library: Fixtures.library, width: width, height: height, colors: colors, glyphs: glyphs)
        host = SteppedLiveTraining(batchesPerPoll: batchesPerFrame, framesPerSecond: 60)
        run(tutor.openSequencePlayground(SequencePlaygroundScreen(configuration: configuration)))
        frames(1)
    }

    mutating func run(_ newEffects: [Effect]) {
        var pending = newEffects
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            effects.append(effect)
            switch effect {
            case .live(let request): host.perform(request)
            case .sequenceFiles(let request): pending += tutor.update(.sequenceFiles(files(request)))
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
            for snapshot in host.poll() { run(tutor.update(.live(snapshot))) }
        }
    }

    var screen: SequencePlaygroundScreen {
        guard case .sequencePlayground(let screen) = tutor.screen else { fatalError("the sequence mode is not on screen") }
        return screen
    }

    var lines: [String] { tutor.screenLines }
    var text: String { tutor.screenText }

    func liveRequests(from start: Int = 0) -> [LiveTrainingRequest] {
        effects.dropFirst(start).compactMap { if case .live(let request) = $0 { request } else { nil } }
    }
}

@Suite struct SequencePlaygroundTests {
    @Test func opensPausedWithTheModelAndItsSettingsOnScreen() {
        let driver = SequenceDriver()
        let lines = driver.lines
        #expect(lines[0].hasPrefix(" Playground  names · lstm 32 × 1 · adam lr 0.01"), "\(lines[0])")
        #expect(lines[0].contains("step 0") && lines[0].contains("❚❚ paused"), "\(lines[0])")
        #expect(lines.contains { $0.contains("▸ model") && $0.contains("‹ lstm ›") }, "\(driver.text)")
        #expect(lines.contains { $0.contains("learning rate") && $0.contains("0.01") })
        #expect(lines.contains { $0.contains("\"emma\": hidden state, units 1-18 of 32") }, "\(driver.text)")
        #expect(lines.contains { $0.contains("names (T 0.8, seed 1)") })
        #expect(lines[23].hasPrefix(" Space play  s step  r reset"), "\(lines[23])")
        // The first request starts the run, paused.
        guard case .startSequence(let run, let spec)? = driver.liveRequests().first else {
            Issue.record("no start: \(driver.liveRequests())")
            return
        }
        #expect(run == SequencePlaygroundScreen.run)
        #expect(!spec.startsPlaying)
    }

    @Test func spaceTrainsOnTheHostAndAgainPauses() {
        var driver = SequenceDriver(batchesPerFrame: 10)
        driver.press(.character(" "))
        #expect(driver.liveRequests().last == .sendSequence(SequencePlaygroundScreen.run, .play))
        driver.frames(11)
        #expect(driver.screen.training?.stepCount == 110)
        #expect(driver.lines[0].contains("step 110") && driver.lines[0].contains("▶ training"), "\(driver.lines[0])")
        // A point of the loss trace every 100 steps: the numbers on the left show it.
        #expect(driver.lines.contains { $0.contains("train 3.") || $0.contains("train 2.") }, "\(driver.text)")
        driver.press(.character(" "))
        #expect(driver.liveRequests().last == .sendSequence(SequencePlaygroundScreen.run, .pause))
        driver.frames(3)
        #expect(driver.screen.training?.stepCount == 110)
        driver.press(.character("s"))
        driver.frames(1)
        #expect(driver.screen.training?.stepCount == 111)
        driver.press(.character("r"))
        driver.frames(1)
        #expect(driver.screen.training?.stepCount == 0)
    }

    @Test func arrowsChangeTheModelAndItsSize() {
        var driver = SequenceDriver()
        driver.press(.right)
        #expect(driver.screen.configuration.model == .gru)
        #expect(driver.lines.contains { $0.contains("‹ gru ›") })
        driver.press(.right)
        #expect(driver.screen.configuration.model == .transformer)
        driver.frames(1)
        // A transformer shows heads among its settings and each head's attention for the name.
        #expect(driver.lines.contains { $0.contains("heads") && $0.contains("2") }, "\(driver.text)")
        #expect(driver.lines.contains { $0.contains("each head's attention") }, "\(driver.text)")
        #expect(driver.lines.contains { $0.contains("head 1") && $0.contains("head 2") }, "\(driver.text)")
        driver.press(.down, .right)
        #expect(driver.screen.configuration.hiddenSize == 64)
        driver.press(.down, .right)
        #expect(driver.screen.configuration.layers == 2)
        driver.press(.down, .right)
        #expect(driver.screen.configuration.heads == 4)
        // Every change of layers is a new start with new weights.
        let starts = driver.liveRequests().filter { if case .startSequence = $0 { true } else { false } }
        #expect(starts.count == 6)
        #expect(driver.lines[0].contains("transformer 64 × 2, 4 heads"), "\(driver.lines[0])")
    }

    @Test func theLearningRateAndTemperatureGoOnWithoutAStart() {
        var driver = SequenceDriver()
        driver.press(.down, .down, .down)
        #expect(driver.screen.control == .learningRate)
        let before = driver.effects.count
        driver.press(.right)
        #expect(driver.liveRequests(from: before) == [.sendSequence(SequencePlaygroundScreen.run, .setLearningRate(0.03))])
        driver.press(.down, .left)
        #expect(driver.screen.configuration.temperature == 0.5)
        #expect(driver.liveRequests().last == .sendSequence(SequencePlaygroundScreen.run, .setTemperature(0.5)))
        driver.frames(1)
        #expect(driver.lines.contains { $0.contains("names (T 0.5") }, "\(driver.text)")
    }

    @Test func theNameUnderTheCursorMovesAndCanBeTyped() {
        var driver = SequenceDriver()
        driver.press(.character(">"))
        driver.frames(1)
        #expect(driver.lines.contains { $0.contains("\"olivia\": hidden state") }, "\(driver.text)")
        driver.press(.character("n"))
        driver.type("Zoë9x")
        driver.press(.enter)
        driver.frames(1)
        // Letters the model does not know are left out.
        #expect(driver.screen.probe == "zox")
        #expect(driver.screen.sequence?.reading.tokens.count == 4)
        #expect(driver.lines.contains { $0.contains("\"zox\": hidden state") }, "\(driver.text)")
    }

    @Test func aLearningRateFarTooHighStopsTheRunAndSaysSo() {
        var driver = SequenceDriver(batchesPerFrame: 20)
        // Up to the largest rate, 30.
        driver.press(.down, .down, .down)
        for _ in 0..<12 { driver.press(.right) }
        #expect(driver.screen.configuration.learningRate == 30)
        driver.press(.character(" "))
        for _ in 0..<200 where driver.screen.isRunning { driver.frames(1) }
        #expect(driver.screen.isDiverged, "\(driver.text)")
        #expect(!driver.screen.isRunning)
        #expect(driver.lines[0].contains("diverged"))
        #expect(driver.lines[22].hasPrefix(" Diverged: loss ") && driver.lines[22].contains("per letter, guessing costs 3.33. u restarts at rate 3."),
                "\(driver.lines[22])")
        driver.press(.character("u"))
        #expect(driver.screen.configuration.learningRate == 3)
        driver.frames(1)
        #expect(!driver.screen.isDiverged)
    }

    @Test func escapeStopsTheRunAndGoesHome() {
        var driver = SequenceDriver()
        driver.press(.escape)
        #expect(driver.liveRequests().last == .stop(SequencePlaygroundScreen.run))
        if case .home = driver.tutor.screen {} else { Issue.record("not home: \(driver.tutor.screen)") }
    }

    @Test func theDensePlaygroundLeadsHereAndTheDataSettingLeadsBack() {
        var tutor = Tutor(library: Fixtures.library, width: 80, height: 24)
        _ = tutor.openPlayground()
        // Past the last classification dataset comes the image mode, and its `t` the sequence mode.
        for _ in 0..<12 { _ = tutor.update(.key(.right)) }
        guard case .imagePlayground = tutor.screen else {
            Issue.record("the dataset control did not lead to the image mode: \(tutor.screenText)")
            return
        }
        let leaving = tutor.update(.key(.character("t")))
        #expect(leaving.contains(.live(.stop(ImagePlaygroundScreen.run))))
        guard case .sequencePlayground = tutor.screen else {
            Issue.record("the dataset control did not lead to the sequence mode: \(tutor.screenText)")
            return
        }
        _ = tutor.update(.key(.up)); _ = tutor.update(.key(.up))
        let effects = tutor.update(.key(.left))
        #expect(effects.contains(.live(.stop(SequencePlaygroundScreen.run))))
        if case .playground = tutor.screen {} else { Issue.record("not back on the dense playground") }
    }

    @Test func drawsAt120By40AndInASCIIWithoutColour() {
        var wide = SequenceDriver(width: 120, height: 40, batchesPerFrame: 50)
        wide.press(.character(" "))
        wide.frames(5)
        #expect(wide.lines.count == 40)
        #expect(wide.lines.contains { $0.contains("loss per letter by step") })
        #expect(wide.lines[39].contains("Esc home"), "\(wide.lines[39])")

        // Trained a little, so the state is far enough from 0 to show.
        var plain = SequenceDriver(batchesPerFrame: 100, glyphs: .ascii, colors: .none)
        plain.press(.character("s"))
        plain.press(.character(" "))
        plain.frames(2)
        plain.press(.character(" "))
        plain.frames(1)
        let text = plain.text
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "\(text)")
        #expect(plain.lines[0].contains("lstm 32 x 1") && plain.lines[0].contains("|| paused") && plain.lines[0].contains("step 200"), "\(plain.lines[0])")
        #expect(plain.lines.contains { $0.contains("> model") && $0.contains("< lstm >") }, "\(text)")
        // Without colour the heatmap still shows the state, as shades on the row after the letters read.
        let left = SequencePlaygroundScreen.leftWidth(for: 80)
        guard let reads = plain.lines.firstIndex(where: { $0.dropFirst(left).hasPrefix("reads") }) else {
            Issue.record("no reading: \(text)")
            return
        }
        let stateRow = plain.lines[reads + 1].dropFirst(left + 7)
        #expect(stateRow.contains { ".:-=+*#%@".contains($0) }, "\(plain.lines[reads + 1])")
    }
}

@Suite struct SequencePlaygroundFileTests {
    static func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sequence-files-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `o` in the dense playground or the image mode on a `mode: sequences` file opens the sequence mode with
    /// that file's settings; a malformed one is refused with its sentence and the screen stays.
    @Test func aSequenceFileOpenedFromAnotherModeOpensTheSequenceMode() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = SequencePlaygroundConfiguration()
        configuration.model = .gru
        configuration.hiddenSize = 64
        let path = folder.appendingPathComponent("names.yaml").path
        try configuration.yaml(vocabularySize: 28, steps: 0).write(toFile: path, atomically: true, encoding: .utf8)
        let result = PlaygroundFiles.perform(.open(path: path))
        #expect(result == .openedSequences(path: path, configuration: configuration))

        for opening in [false, true] {
            var tutor = Tutor(library: Fixtures.library, width: 80, height: 24)
            _ = tutor.openPlayground()
            if opening { _ = tutor.openImagePlayground() }
            let effects = tutor.update(.playground(result))
            let stopped: LiveRunID = opening ? ImagePlaygroundScreen.run : PlaygroundScreen.run
            #expect(effects.contains(Effect.live(.stop(stopped))))
            guard case .sequencePlayground(let sequences) = tutor.screen else {
                Issue.record("not in the sequence mode: \(tutor.screen)")
                continue
            }
            #expect(sequences.configuration == configuration)
            #expect(tutor.screenText.contains("Opened \(path)"))
        }

        let broken = folder.appendingPathComponent("broken.yaml").path
        try "mode: sequences\nhidden: 33\n".write(toFile: broken, atomically: true, encoding: .utf8)
        #expect(PlaygroundFiles.perform(.open(path: broken)) == .failed("broken.yaml:2: 'hidden' must be one of 8, 16, 32, 64, 128, not '33'"))
    }

    @Test func theSettingsReadBackAsTheyWereWritten() throws {
        var configuration = SequencePlaygroundConfiguration()
        configuration.model = .transformer
        configuration.hiddenSize = 64
        configuration.layers = 2
        configuration.heads = 4
        configuration.learningRate = 0.003
        configuration.temperature = 1.2
        configuration.seed = 7
        let text = configuration.yaml(vocabularySize: 28, steps: 300)
        #expect(text.contains("mode: sequences"))
        #expect(text.contains("description: \"posembed 64 vocab 28, transformer 2 blocks 4 heads, layernorm, dense 28\""))
        #expect(SequencePlaygroundConfiguration.isSequenceFile(text))
        #expect(try SequencePlaygroundConfiguration(yaml: text, file: "names.yaml", vocabularySize: 28) == configuration)
    }

    @Test func malformedSettingsNameTheFileLineAndProblem() {
        func problem(_ text: String) -> String {
            do {
                _ = try SequencePlaygroundConfiguration(yaml: text, file: "names.yaml", vocabularySize: 28)
                return "read without complaint"
            } catch {
                return error.description
            }
        }
        #expect(problem("mode: sequences\nmodel: cnn\n")
                == "names.yaml:2: 'model' must be one of rnn, lstm, gru, transformer, not 'cnn'")
        #expect(problem("mode: sequences\nhidden: 33\n") == "names.yaml:2: 'hidden' must be one of 8, 16, 32, 64, 128, not '33'")
        #expect(problem("mode: sequences\nlearningrate: 0.1\n") == "names.yaml:2: unknown setting 'learningrate': did you mean 'learningRate'?")
        #expect(problem("mode: sequences\nmodel: lstm\nmodel: rnn\n").hasPrefix("names.yaml:2: this is not valid YAML (model set twice)"))
        #expect(problem("model: lstm\n").hasPrefix("names.yaml:1: there is no 'mode: sequences' line"))
        #expect(problem("mode: sequences\nheads: 3\n") == "names.yaml:2: 'heads' must be one of 1, 2, 4, 8, not '3'")
        #expect(problem("mode: sequences\nmodel: rnn\ndescription: embed 16, lstm 32, dense 28\n")
                == "names.yaml:3: the description 'embed 16, lstm 32, dense 28' disagrees with the settings, which make 'embed 16, rnn 32, dense 28': fix one, or remove the description line")
        #expect(problem("mode: sequences\ndescription: embed 16, lstm, dense 28\n").hasPrefix("names.yaml:2: the description does not read as layers:"))
        #expect(problem("mode: sequences\n  - [oops\n").hasPrefix("names.yaml:"))
    }

    @Test func savingWritesAModelSampleCanReadAndNeverOverwritesUnasked() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var driver = SequenceDriver(batchesPerFrame: 5)
        driver.press(.character("s"))
        driver.frames(1)
        let base = folder.appendingPathComponent("names").path
        driver.press(.character("w"))
        driver.type(base)
        driver.press(.enter)
        #expect(driver.screen.notice?.hasPrefix("Saved \(base).yaml and \(base).safetensors") == true, "\(driver.screen.notice ?? "")")
        // The model is a sequence model of the names: the same weights, the vocabulary, and the layers.
        let model = try SequenceModel.read(from: URL(fileURLWithPath: base + ".safetensors"))
        #expect(model.network.hasSameParameters(as: driver.screen.training!.network))
        #expect(model.dataName == "names")
        #expect(model.vocabulary?.count == 28)
        let settings = try String(contentsOfFile: base + ".yaml", encoding: .utf8)
        #expect(try SequencePlaygroundConfiguration(yaml: settings, file: "names.yaml", vocabularySize: 28) == driver.screen.configuration)

        // Saving again asks first; any key but y keeps the files.
        driver.press(.character("s"))
        driver.frames(1)
        let firstWritten = try Data(contentsOf: URL(fileURLWithPath: base + ".safetensors"))
        driver.press(.character("w"))
        driver.type(base)
        driver.press(.enter)
        #expect(driver.screen.notice?.contains("already exist: press y to replace") == true, "\(driver.screen.notice ?? "")")
        driver.press(.character("n"))
        #expect(driver.screen.notice == "Nothing saved: the files were kept.")
        #expect(try Data(contentsOf: URL(fileURLWithPath: base + ".safetensors")) == firstWritten)
        driver.press(.character("w"))
        driver.type(base)
        driver.press(.enter)
        driver.press(.character("y"))
        #expect(driver.screen.notice?.hasPrefix("Saved") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: base + ".safetensors")) != firstWritten)
    }

    @Test func aTransformerSavesWithItsVocabularyAndOpensAgain() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = SequencePlaygroundConfiguration()
        configuration.model = .transformer
        var driver = SequenceDriver(configuration: configuration)
        driver.press(.character("s"))
        driver.frames(1)
        let base = folder.appendingPathComponent("writer").path
        guard let save = driver.screen.saveRequest(base: base) else { Issue.record("nothing to save"); return }
        #expect(SequencePlaygroundFiles.perform(.save(save, replacing: false)) == .saved(configurationPath: base + ".yaml", modelPath: base + ".safetensors"))
        let model = try SequenceModel.read(from: URL(fileURLWithPath: base + ".safetensors"))
        #expect(model.vocabularySize == 28)
        #expect(model.vocabulary?.count == 28)
        guard case .openedModel(_, let opened, let network) = SequencePlaygroundFiles.perform(.open(path: base + ".safetensors")) else {
            Issue.record("the model did not open")
            return
        }
        #expect(opened.model == .transformer && opened.heads == 2 && opened.hiddenSize == 32)
        #expect(network.network.hasSameParameters(as: driver.screen.training!.network))
    }

    @Test func openingAModelGoesOnFromItsWeightsAndSettings() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = SequencePlaygroundConfiguration()
        configuration.model = .gru
        configuration.hiddenSize = 16
        var saver = SequenceDriver(configuration: configuration)
        saver.press(.character("s"))
        saver.frames(1)
        let base = folder.appendingPathComponent("gru").path
        saver.press(.character("w"))
        saver.type(base)
        saver.press(.enter)
        let saved = saver.screen.training!.network

        var opener = SequenceDriver()
        opener.press(.character("o"))
        opener.type(base + ".safetensors")
        opener.press(.enter)
        opener.frames(1)
        #expect(opener.screen.configuration.model == .gru)
        #expect(opener.screen.configuration.hiddenSize == 16)
        #expect(opener.screen.training?.network.hasSameParameters(as: saved) == true)

        opener.press(.character("o"))
        opener.type(folder.appendingPathComponent("missing.yaml").path)
        opener.press(.enter)
        #expect(opener.screen.notice?.contains("missing.yaml: no such file: check the path") == true, "\(opener.screen.notice ?? "")")

        let broken = folder.appendingPathComponent("broken.yaml").path
        try "mode: sequences\nlayers: 9\n".write(toFile: broken, atomically: true, encoding: .utf8)
        opener.press(.character("o"))
        opener.type(broken)
        opener.press(.enter)
        #expect(opener.screen.notice == "broken.yaml:2: 'layers' must be one of 1 to 3, not '9'")
    }
}
