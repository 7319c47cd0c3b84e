import Curriculum
import Foundation
import Neural
import Testing
@testable import App

/// Generated questions draw from many cases, cover the cases that teach (an input of 0, a tiny gradient),
/// and judge a gradient by its relative error, sign included.
@Suite("Generated questions: range and judging")
struct GeneratedQuestionRangeTests {
    static func questions(_ template: QuizTemplate, seeds: ClosedRange<UInt64> = 1...3000) -> [GeneratedQuestion] {
        seeds.map { GeneratedQuestion(template: template, seed: $0) }
    }

    @Test(arguments: QuizTemplate.allCases)
    func everyTemplateDrawsFromManyDistinctQuestions(template: QuizTemplate) {
        let distinct = Set(Self.questions(template).map(\.question)).count
        // Sigmoid values: 80 values of z. Learning-rate limits: ten steepnesses are enough for a rule.
        let least = template == .largestLearningRate ? 10 : 60
        #expect(distinct >= least, "\(template) drew only \(distinct) different questions from 3000 seeds")
    }

    @Test func sigmoidAndSquaredErrorGoFarBeyondTheirOldCases() {
        #expect(Set(Self.questions(.sigmoidValue).map(\.question)).count == 80, "every tenth of z from −4 to 4 but 0")
        #expect(Set(Self.questions(.squaredError).map(\.question)).count > 200)
    }

    /// The numbers in a question's text, in order, with `−` read as a minus.
    static func numbers(in text: String) -> [Double] {
        let plain = text.replacingOccurrences(of: "−", with: "-")
        let pattern = try! NSRegularExpression(pattern: "-?[0-9]+(\\.[0-9]+)?")
        return pattern.matches(in: plain, range: NSRange(plain.startIndex..., in: plain)).compactMap {
            Range($0.range, in: plain).flatMap { Double(plain[$0]) }
        }
    }

    @Test func thePerceptronUpdateAsksAboutAWeightWhoseInputWasZero() throws {
        var zeroInputMistakes = 0, askedSecond = 0
        for question in Self.questions(.perceptronUpdate, seeds: 1...400) {
            // "A perceptron with w₁ = A, w₂ = B, b = C and learning rate η = E sees the example x = (X1, X2) with
            // target y = T. What is wN after …": the subscripts are not ASCII digits, so the numbers are A B C E X1 X2 T.
            let n = Self.numbers(in: question.question)
            try #require(n.count == 7, "\(question.question)")
            let weights = [n[0], n[1]], bias = n[2], rate = n[3], input = [n[4], n[5]], target = n[6]
            let asked = question.question.contains("What is w₂") ? 1 : 0
            if asked == 1 { askedSecond += 1 }
            // The rule by hand: ŷ = step(w·x + b), w ← w + η·(y − ŷ)·x.
            let z = weights[0] * input[0] + weights[1] * input[1] + bias
            let prediction: Double = z > 0 ? 1 : 0
            let expected = weights[asked] + rate * (target - prediction) * input[asked]
            #expect(abs(question.answer - expected) < 1e-6, "\(question.question)")
            if input[asked] == 0 && target != prediction {
                zeroInputMistakes += 1
                #expect(question.answer == weights[asked], "an input of 0 leaves its weight alone")
                #expect(question.explanation.contains("was 0"))
            }
        }
        #expect(zeroInputMistakes >= 20, "a mistake with the asked weight's input at 0 comes up often")
        #expect(askedSecond >= 100 && askedSecond <= 300)
    }

    @Test func aGradientIsJudgedByItsRelativeErrorAndItsSign() throws {
        var small = 0
        for question in Self.questions(.weightGradient, seeds: 1...500) {
            let g = question.answer
            #expect(g != 0)
            // Within a twentieth is right; the same size with the wrong sign, or 0, is wrong however small g is.
            #expect(NumberEntry.isClose(g * 1.04, to: g, tolerance: question.tolerance))
            #expect(!NumberEntry.isClose(g * 1.06, to: g, tolerance: question.tolerance))
            #expect(!NumberEntry.isClose(-g, to: g, tolerance: question.tolerance))
            #expect(!NumberEntry.isClose(0, to: g, tolerance: question.tolerance))
            if abs(g) < 0.01 { small += 1 }
        }
        #expect(small >= 5, "some gradients are small enough that an absolute tolerance of 0.01 would take 0 as right")
    }

    @Test func theLargestLearningRateIsWhereTheEnginesStepStopsShrinking() throws {
        for question in Self.questions(.largestLearningRate, seeds: 1...60) {
            let k = try #require(Self.numbers(in: question.question).first, "\(question.question)")
            // One SGD step of the engine on L = k·w² (gradient 2k·w) from w = 1, just below and just above the answer.
            func step(_ rate: Double) -> Float {
                var optimizer = Optimizer(.sgd, learningRate: Float(rate))
                optimizer.prepare(tensorSizes: [1])
                optimizer.beginStep()
                var weight: [Float] = [1]
                let gradient = [Float(2 * k)]
                weight.withUnsafeMutableBufferPointer { w in
                    gradient.withUnsafeBufferPointer { g in
                        optimizer.update(w.baseAddress!, gradient: g.baseAddress!, count: 1, slot: 0, penalised: false)
                    }
                }
                return weight[0]
            }
            #expect(abs(step(question.answer * 0.98)) < 1, "\(question.question)")
            #expect(abs(step(question.answer * 1.02)) > 1, "\(question.question)")
            #expect(abs(question.answer - 1 / k) < 1e-6)
        }
    }
}
