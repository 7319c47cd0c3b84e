import Canvas
import Curriculum
import Foundation
import Neural
import Testing
@testable import App

/// Every sentence of the recurrent lesson that sends the learner to a widget, held by driving the widget
/// from the lesson's own blocks as the sentence says.
@Suite("What the recurrent lesson says of its widgets")
struct RNNLessonClaimsTests {
    static func reader() throws -> WidgetHost {
        try LessonWidgetClaimTests.host(lesson: "rnn", page: "A model reading names", widget: "names")
    }

    static func writer() throws -> WidgetHost {
        try LessonWidgetClaimTests.host(lesson: "rnn", page: "Writing new names", widget: "names")
    }

    static func gradients() throws -> WidgetHost {
        try LessonWidgetClaimTests.host(lesson: "rnn", page: "Why a plain RNN forgets", widget: "vanishing")
    }

    static func names(_ host: WidgetHost) throws -> NamesWidget {
        try #require(WidgetTesting.state(host, as: NamesWidget.self))
    }

    /// Plays until the model has taken `steps` training steps, frame by frame, then pauses.
    static func train(_ host: inout WidgetHost, steps: Int) throws {
        host.press(.character(" "))
        while try names(host).model!.stepCount < steps { _ = host.update(.tick) }
        host.press(.character(" "))
    }

    static func text(_ host: WidgetHost) -> String { host.text(width: 76, available: 20).joined(separator: "\n") }

    // MARK: A model reading names

    /// "Before training its guesses are nearly even: after `.emma` the five likeliest each get 4 %, about
    /// 1/28 of the whole, and its loss on the first batch is about ln 28 ≈ 3.3"
    @Test func untrainedGuessesAreNearlyEvenAndTheFirstLossIsLn28() throws {
        var host = try Self.reader()
        let widget = try Self.names(host)
        let reading = try #require(widget.reading)
        #expect(reading.name == "emma" && reading.steps.count == 5)
        #expect(widget.cursor == 4, "the cursor starts on the last letter")
        let guesses = reading.steps[4].topGuesses(5)
        #expect(guesses.allSatisfy { Int(($0.probability * 100).rounded()) == 4 }, "\(guesses)")
        #expect(Self.text(host).contains("after \".emma\":"))
        #expect(Self.text(host).contains(" 4%"))
        let vocabulary = try #require(widget.model?.vocabulary)
        #expect(vocabulary.count == 28)
        // One frame of training: the first batch's loss.
        host.press(.character(" "))
        _ = host.update(.tick)
        let model = try #require(try Self.names(host).model)
        #expect(model.stepCount == 2)
        #expect(abs(model.lastLoss - Float(Foundation.log(28.0))) < 0.15, "\(model.lastLoss)")
    }

    /// "it trains two batches a frame, 120 steps a second, and the line at the top counts the steps, the
    /// names seen and the loss of the last batch."
    @Test func spaceTrains120StepsASecondAndTheTopLineCountsThem() throws {
        var host = try Self.reader()
        host.press(.character(" "))
        for _ in 0..<WidgetClock.ticksPerSecond { _ = host.update(.tick) }
        let model = try #require(try Self.names(host).model)
        #expect(model.stepCount == 120 && model.namesSeen == 120 * 32)
        let loss = WidgetText.number(model.lastLoss, decimals: 2, glyphs: .unicode)
        #expect(Self.text(host).contains("steps 120 · 3,840 names seen · loss \(loss) · training"))
        host.press(.character(" "))
        _ = host.update(.tick)
        #expect(try Self.names(host).model!.stepCount == 120, "paused, nothing trains")
        #expect(Self.text(host).contains("· paused"))
    }

    /// "`←` and `→` move the cursor along the name, and `n` reads another name (olivia, noah, liam and
    /// more)."
    @Test func arrowsMoveTheCursorAndNReadsTheNextName() throws {
        var host = try Self.reader()
        host.press(.left, .left)
        #expect(try Self.names(host).cursor == 2)
        #expect(Self.text(host).contains("after \".em\":"))
        host.press(.right, .right, .right)
        #expect(try Self.names(host).cursor == 4, "the cursor stops on the last letter")
        var read: [String] = []
        for _ in 0..<3 {
            host.press(.character("n"))
            read.append(try #require(try Self.names(host).reading).name)
        }
        #expect(read == ["olivia", "noah", "liam"])
        #expect(try Self.names(host).title.contains("\"liam\""))
    }

    /// "Within 100 steps, under a second, the guesses after `.emm` put `a` first, and the loss of a batch
    /// is below 2.3; from there it creeps down to about 2 over the next few thousand steps."
    @Test func within100StepsAComesFirstAfterEmm() throws {
        var host = try Self.reader()
        try Self.train(&host, steps: 100)
        var widget = try Self.names(host)
        #expect(100 / (NamesWidget.stepsPerTick * WidgetClock.ticksPerSecond) < 1, "under a second")
        let afterEmm = try #require(widget.reading?.steps[3])
        #expect(widget.model!.vocabulary.symbol(for: afterEmm.topGuesses(1)[0].token) == "a")
        #expect(widget.model!.lastLoss < 2.3, "\(widget.model!.lastLoss)")
        host.press(.left)
        #expect(Self.text(host).contains("after \".emm\":"))
        let guessLine = try #require(host.text(width: 76, available: 20).first { $0.contains(" a ") && $0.contains("%") })
        #expect(guessLine.contains(" a  \(Int((afterEmm.probabilities[afterEmm.topGuesses(1)[0].token] * 100).rounded()))%"), "\(guessLine)")
        try Self.train(&host, steps: 2_400)
        widget = try Self.names(host)
        #expect(abs(widget.model!.lastLoss - 2) < 0.15, "\(widget.model!.lastLoss)")
    }

    /// "the same letter in another place of the name leaves a different state, because the state also
    /// carries what came before: compare the two m's of emma."
    @Test func theTwoMsOfEmmaLeaveDifferentStates() throws {
        var host = try Self.reader()
        try Self.train(&host, steps: 200)
        let steps = try #require(try Self.names(host).reading?.steps)
        #expect(steps[2].token == steps[3].token)
        let difference = zip(steps[2].hidden, steps[3].hidden).map { abs($0 - $1) }.max() ?? 0
        #expect(difference > 0.05, "\(difference)")
    }

    /// "Untrained, every gate is about 0.5 … As it trains they move apart: after 1,200 steps the input gate
    /// opens past 0.6 at some letters of emma."
    @Test func gatesStartNearAHalfAndMoveApart() throws {
        var host = try Self.reader()
        for step in try #require(try Self.names(host).reading?.steps) {
            for gate in [step.inputGate, step.forgetGate, step.outputGate] {
                #expect(abs(NamesWidget.mean(gate) - 0.5) < 0.06)
            }
        }
        #expect(Self.text(host).contains("forget 0.49") || Self.text(host).contains("forget 0.5"))
        try Self.train(&host, steps: 1_200)
        let steps = try #require(try Self.names(host).reading?.steps)
        let widest = steps.map { NamesWidget.mean($0.inputGate) }.max() ?? 0
        #expect(widest > 0.6, "\(widest)")
    }

    // MARK: Why a plain RNN forgets

    static func firstStepLine(_ host: WidgetHost, _ network: String) -> String? {
        host.text(width: 76, available: 20).first { $0.contains("\(network): the first step gets") }
    }

    /// "At N = 10 the widget writes that the RNN's first step gets 1.0e-3 of the last step's gradient … at
    /// N = 20 it is 3.6e-6; at N = 30, 1.4e-8."
    @Test func theRNNsShareFallsAThousandfoldEveryTenSteps() throws {
        var host = try Self.gradients()
        #expect(Self.firstStepLine(host, "RNN")?.contains("gets 1.0e-3 of the last") == true)
        for _ in 0..<10 { host.press(.character("+")) }
        #expect(try #require(WidgetTesting.state(host, as: VanishingWidget.self)).delay == 20)
        #expect(Self.firstStepLine(host, "RNN")?.contains("gets 3.6e-6 of the last") == true)
        for _ in 0..<15 { host.press(.character("+")) }
        #expect(try #require(WidgetTesting.state(host, as: VanishingWidget.self)).delay == 30, "N stops at 30")
        #expect(Self.firstStepLine(host, "RNN")?.contains("gets 1.4e-8 of the last") == true)
    }

    /// "the bars shrink from right to left at a steady rate: the same factor at each step."
    @Test func theRNNsBarsShrinkSteadily() throws {
        let host = try Self.gradients()
        let reach = try #require(WidgetTesting.state(host, as: VanishingWidget.self)).reach
        #expect(reach.steps == 12)
        var ratios: [Float] = []
        for step in 0..<(reach.steps - 2) { ratios.append(reach.rnn[step] / reach.rnn[step + 1]) }
        #expect(ratios.allSatisfy { $0 > 0.3 && $0 < 0.8 }, "\(ratios)")
    }

    /// "The LSTM starts with its forget-gate bias at 0 … at N = 10 it does no better than the RNN: 9.3e-4.
    /// Press `f` for a bias of 1, and again for 3: … 0.10 at N = 10, and still 0.09 at N = 20 and at N = 30."
    @Test func theForgetBiasLetsTheLSTMsGradientTravel() throws {
        var host = try Self.gradients()
        #expect(Self.firstStepLine(host, "LSTM")?.contains("gets 9.3e-4 of the last") == true)
        #expect(Self.text(host).contains("forget-gate bias 0: f starts near σ(0) = 0.50"))
        host.press(.character("f"))
        #expect(try #require(WidgetTesting.state(host, as: VanishingWidget.self)).forgetBias == 1)
        host.press(.character("f"))
        #expect(Self.text(host).contains("forget-gate bias 3: f starts near σ(3) = 0.95"))
        #expect(Self.firstStepLine(host, "LSTM")?.contains("gets 0.10 of the last") == true)
        for _ in 0..<10 { host.press(.character("+")) }
        #expect(Self.firstStepLine(host, "LSTM")?.contains("gets 0.09 of the last") == true)
        for _ in 0..<10 { host.press(.character("+")) }
        #expect(Self.firstStepLine(host, "LSTM")?.contains("gets 0.09 of the last") == true)
        // The RNN has no forget gate: its line is what it was at N = 30.
        #expect(Self.firstStepLine(host, "RNN")?.contains("gets 1.4e-8") == true)
    }

    // MARK: Writing new names

    static func meanLength(_ names: [String]) -> Double {
        Double(names.map(\.count).reduce(0, +)) / Double(max(names.count, 1))
    }

    /// "Untrained, its names are strings of random letters, 8 or more on average."
    @Test func untrainedNamesAreLongRandomStrings() throws {
        let host = try Self.writer()
        let samples = try Self.names(host).samples
        #expect(samples.count == 12)
        #expect(Self.meanLength(samples) >= 8, "\(samples)")
        #expect(Self.text(host).contains(samples[0]))
    }

    /// "train for about 10 seconds, 1,200 steps … Press `-` down to 0.2: the names get short and safe, and
    /// the same one comes up more than once among the twelve. Press `+` up to 2.0: every name is different,
    /// longer, with pairs of letters no name has."
    @Test func lowTemperaturesRepeatAndHighOnesInvent() throws {
        var host = try Self.writer()
        try Self.train(&host, steps: 1_200)
        #expect(1_200 / (NamesWidget.stepsPerTick * WidgetClock.ticksPerSecond) == 10)
        for _ in 0..<5 { host.press(.character("-")) }
        var widget = try Self.names(host)
        #expect(widget.temperature == 0.2)
        let cold = widget.samples
        #expect(Set(cold).count < cold.count, "\(cold)")
        #expect(Self.text(host).contains("temperature 0.2  seed 1"))
        for _ in 0..<8 { host.press(.character("+")) }
        widget = try Self.names(host)
        #expect(widget.temperature == 2.0)
        let hot = widget.samples
        #expect(Set(hot).count == hot.count, "\(hot)")
        #expect(Self.meanLength(hot) > Self.meanLength(cold))
        // Pairs of letters that no bundled name has.
        let corpus = try TextCorpus.names().lines.map(\.text)
        var pairs = Set<String>()
        for name in corpus {
            let letters = Array(name)
            for index in 0..<max(0, letters.count - 1) { pairs.insert(String(letters[index ... index + 1])) }
        }
        let invented = hot.filter { sample in
            let letters = Array(sample)
            return (0..<max(0, letters.count - 1)).contains { !pairs.contains(String(letters[$0 ... $0 + 1])) }
        }
        #expect(!invented.isEmpty, "\(hot)")
    }

    /// "`Enter` draws twelve more at the same temperature; `r` starts again from untrained weights, and the
    /// same keys give exactly the same names."
    @Test func enterDrawsMoreAndTheSameKeysGiveTheSameNames() throws {
        var first = try Self.writer()
        var second = try Self.writer()
        try Self.train(&first, steps: 60)
        try Self.train(&second, steps: 60)
        let before = try Self.names(first).samples
        #expect(before == (try Self.names(second).samples))
        first.press(.enter)
        let after = try Self.names(first)
        #expect(after.seed == 2 && after.temperature == 1.0 && after.samples != before)
        first.press(.character("r"))
        let reset = try Self.names(first)
        #expect(reset.model?.stepCount == 0 && reset.seed == 1)
        #expect(reset.samples == (try Self.names(try Self.writer()).samples))
    }
}
