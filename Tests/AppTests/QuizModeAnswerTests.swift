import Canvas
import Curriculum
import Foundation
import Neural
import Testing
@testable import App

/// Judging answers: numbers within a tolerance, choices, and generated questions whose answers must be
/// the engine's for the numbers the question shows.
@Suite("Quiz mode answers")
struct QuizModeAnswerTests {
    func posed(_ expected: PosedQuestion.Expected) -> PosedQuestion {
        PosedQuestion(prompt: "?", expected: expected, explanation: "")
    }

    func judge(_ typed: String, value: Double, tolerance: Double) -> Verdict? {
        var entry = AnswerEntry()
        entry.typed = typed
        return Verdict.judge(&entry, for: posed(.number(value: value, tolerance: tolerance)))
    }

    @Test(arguments: [
        ("0.62", true), ("0.61", true), ("0.63", true), (".62", true), ("0,62", true), ("31/50", true), ("6.2e-1", true),
        ("0.6099", false), ("0.6301", false), ("−0.62", false), ("-0.62", false), ("62", false), ("0.5", false),
    ])
    func numbersWithinTheToleranceAreRightAndOthersWrong(typed: String, right: Bool) throws {
        // 0.62 with a tolerance of 0.01: 0.61 and 0.63 are on the edge and count.
        let verdict = try #require(judge(typed, value: 0.62, tolerance: 0.01))
        #expect(verdict.correct == right, "\(typed)")
        #expect(verdict.rightAnswer == "0.62 (any answer within 0.01 of it counts)")
    }

    @Test func negativeAnswersAndTheExactValue() throws {
        let close = try #require(judge("−1.23", value: -1.2345, tolerance: 0.01))
        #expect(close.correct)
        #expect(close.exactValue == "−1.2345")
        let exact = try #require(judge("-1.5", value: -1.5, tolerance: 0.01))
        #expect(exact.correct)
        #expect(exact.exactValue == nil)
    }

    @Test(arguments: ["", "1..2", "1/0", "abc", "--1", "1/2/3", "e", "/"])
    func whatIsNotANumberIsNotJudged(_ typed: String) {
        var entry = AnswerEntry()
        entry.typed = typed
        #expect(Verdict.judge(&entry, for: posed(.number(value: 1, tolerance: 0.1))) == nil)
        #expect(entry.problem != nil)
    }

    @Test func onlyNumberCharactersCanBeTyped() {
        var entry = AnswerEntry()
        for character in "1x.q5-/e?" { _ = entry.type(character) }
        #expect(entry.typed == "1.5-/e")
    }

    @Test func choicesAreRightOnlyAsAWholeSet() throws {
        let question = posed(.choices(["a", "b", "c"], right: [0, 2], style: .markAll))
        var entry = AnswerEntry()
        entry.toggle(0)
        #expect(Verdict.judge(&entry, for: question)?.correct == false)
        entry.toggle(2)
        let verdict = try #require(Verdict.judge(&entry, for: question))
        #expect(verdict.correct)
        #expect(verdict.givenShort == "1, 3")
        entry.toggle(1)
        #expect(Verdict.judge(&entry, for: question)?.correct == false)
        let gaveUp = Verdict.gaveUp(on: question)
        #expect(!gaveUp.correct && gaveUp.gaveUp)
        #expect(gaveUp.rightAnswer == "1. a; 3. c")
    }

    // MARK: Generated questions

    func generated(_ template: QuizTemplate, seed: UInt64) -> (posed: PosedQuestion, numbers: [Double], value: Double, tolerance: Double) {
        let block = QuizBlock(id: "drill", question: "", form: .generated(template), explanation: "", line: 1)
        let question = PosedQuestion(block: block, seed: seed)
        guard case .number(let value, let tolerance) = question.expected else {
            Issue.record("\(template) is not a numeric question")
            return (question, [], .nan, 0)
        }
        return (question, numbers(in: question.prompt), value, tolerance)
    }

    @Test(arguments: [QuizTemplate.weightedSum, .sigmoidValue, .softmaxProbability, .squaredError, .descentStep])
    func generatedAnswersAreTheEnginesForTheNumbersShown(_ template: QuizTemplate) throws {
        var prompts: Set<String> = []
        for seed in UInt64(1)...40 {
            let (posed, shown, value, tolerance) = generated(template, seed: seed)
            prompts.insert(posed.prompt)
            let engine: Double
            switch template {
            case .weightedSum:
                // Inputs x₁ x₂, weights w₁ w₂, bias: z = w·x + b through a one-neuron network.
                try #require(shown.count == 5, "\(posed.prompt)")
                let network = Network(layers: [Dense(weights: Matrix([[Float(shown[2]), Float(shown[3])]]), bias: [Float(shown[4])])])
                engine = Double(network.predict(Matrix([[Float(shown[0]), Float(shown[1])]]))[0, 0])
            case .sigmoidValue:
                try #require(shown.count == 1, "\(posed.prompt)")
                engine = Double(Activation.sigmoid.value(at: Float(shown[0])))
                #expect(abs(engine - 1 / (1 + exp(-shown[0]))) < 1e-6)
            case .softmaxProbability:
                // Three scores, then the class asked about (from 1).
                try #require(shown.count == 4, "\(posed.prompt)")
                let probabilities = Activation.softmax(shown[0..<3].map { Float($0) })
                engine = Double(probabilities[Int(shown[3]) - 1])
            case .squaredError:
                try #require(shown.count == 2, "\(posed.prompt)")
                engine = Double(Loss.meanSquaredError.value(output: Matrix([[Float(shown[0])]]), targets: Matrix([[Float(shown[1])]])))
            case .descentStep:
                // w, ∂L/∂w, η: one SGD step through the engine's optimizer.
                try #require(shown.count == 3, "\(posed.prompt)")
                var optimizer = Optimizer(.sgd, learningRate: Float(shown[2]))
                optimizer.prepare(tensorSizes: [1])
                optimizer.beginStep()
                var weight = [Float(shown[0])]
                let gradient = [Float(shown[1])]
                weight.withUnsafeMutableBufferPointer { w in
                    gradient.withUnsafeBufferPointer { g in
                        optimizer.update(w.baseAddress!, gradient: g.baseAddress!, count: 1, slot: 0, penalised: false)
                    }
                }
                engine = Double(weight[0])
            default:
                engine = .nan
            }
            #expect(abs(value - engine) < 1e-6, "\(posed.prompt): asked \(value), engine \(engine)")
            // The engine's value is right, one just beyond the tolerance is not.
            #expect(NumberEntry.isClose(engine, to: value, tolerance: tolerance))
            #expect(!NumberEntry.isClose(engine + tolerance * 1.01, to: value, tolerance: tolerance))
            #expect(posed.kind == .calculation)
        }
        // Fresh numbers each time: forty seeds give many different questions.
        #expect(prompts.count > 10, "\(template) drew only \(prompts.count) different questions")
    }

    @Test func theQuizDrawsNewNumbersWhenAGeneratedQuestionComesBack() throws {
        var progress = LearnerProgress()
        progress["neurons"].markRead(page: 1, of: 2, at: QuizModeFixtures.start)
        var (tutor, _) = QuizModeFixtures.quizTutor(progress: progress, options: QuizOptions(lessonID: "neurons", count: 5, ignoresSchedule: true))
        // Straight to the generated question: don't know the first four.
        for _ in 0..<4 { tutor.press(.character("d"), .character(" ")) }
        var prompts: [String] = []
        while let quiz = tutor.quiz, quiz.phase == .asking {
            if quiz.questionID == "sigmoid-drill", let prompt = quiz.current?.posed.prompt { prompts.append(prompt) }
            tutor.press(.character("d"), .character(" "))
        }
        // Asked once, then three more times after missing it, each time with its own z (at most two repeats of a value by chance).
        #expect(prompts.count == 1 + ReviewQueue.maximumRetries)
        #expect(Set(prompts).count >= 2)
    }
}

@Suite("Quiz mode in ASCII")
struct QuizModeASCIITests {
    @Test func barsAndMarkersUseOnlyASCII() throws {
        var tutor = Tutor(library: QuizModeFixtures.library, progress: QuizModeFixtures.openedNeurons, colors: .none, glyphs: .ascii)
        tutor.now = QuizModeFixtures.start
        tutor.openQuiz(calendar: QuizModeFixtures.utc, seed: 3)
        func chromeIsASCII(_ phase: String) {
            let lines = tutor.screenLines
            let titleIsASCII = lines[0].unicodeScalars.allSatisfy { $0.isASCII }
            let keysAreASCII = lines[23].unicodeScalars.allSatisfy { $0.isASCII }
            #expect(titleIsASCII, "\(phase) title: \(lines[0])")
            #expect(keysAreASCII, "\(phase) keys: \(lines[23])")
        }
        chromeIsASCII("asking")
        #expect(tutor.screenText.contains("> 1. Its bias"))
        #expect(tutor.screenText.contains("Neurons > Sums"))
        tutor.press(.character("1"))
        chromeIsASCII("answered")
        #expect(tutor.screenText.contains("+ Right"))
        tutor.press(.character(" "), .character("d"))
        #expect(tutor.screenText.contains("x Here is the answer"))
        tutor.press(.escape)
        chromeIsASCII("summary")
    }
}
