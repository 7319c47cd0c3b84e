import Curriculum
import Foundation
import Testing
@testable import App

/// The recurrent templates, each answer checked against the published formula worked here in `Double`
/// from the question's own numbers.
@Suite("Generated questions: recurrent networks")
struct GeneratedRecurrentQuestionTests {
    @Test func theRNNStepIsTanhOfTheWeightedInputAndState() throws {
        var signs = Set<Bool>()
        for question in GeneratedQuestionRangeTests.questions(.rnnStep, seeds: 1...300) {
            // "… input weight w = W, recurrent weight u = U and bias b = B. Its hidden state is h = H when it
            // reads x = X. …"
            let n = GeneratedQuestionRangeTests.numbers(in: question.question)
            try #require(n.count == 5, "\(question.question)")
            let (w, u, b, h, x) = (n[0], n[1], n[2], n[3], n[4])
            let expected = Foundation.tanh(w * x + u * h + b)
            #expect(abs(question.answer - expected) < 1e-5, "\(question.question)")
            #expect(abs(question.answer) < 1, "tanh stays inside (−1, 1)")
            #expect(question.explanation.contains(GeneratedQuestion.show(Float(expected), decimals: 3)), "\(question.explanation)")
            signs.insert(expected > 0)
        }
        #expect(signs.count == 2, "both signs of the new state come up")
    }

    @Test func theLSTMCellIsForgetTimesOldPlusInputTimesCandidate() throws {
        var mostlyForgotten = 0, mostlyKept = 0
        for question in GeneratedQuestionRangeTests.questions(.lstmCell, seeds: 1...300) {
            // "… the forget gate's pre-activation is F and the input gate's is I; the candidate is g = G and
            // the old cell value c = C. …"
            let n = GeneratedQuestionRangeTests.numbers(in: question.question)
            try #require(n.count == 4, "\(question.question)")
            let (forget, input, candidate, old) = (n[0], n[1], n[2], n[3])
            let f = 1 / (1 + Foundation.exp(-forget)), i = 1 / (1 + Foundation.exp(-input))
            let expected = f * old + i * candidate
            #expect(abs(question.answer - expected) < 1e-5, "\(question.question)")
            #expect(question.tolerance >= 0.01, "two decimals are enough")
            if f < 0.2 { mostlyForgotten += 1 }
            if f > 0.8 { mostlyKept += 1 }
        }
        #expect(mostlyForgotten >= 20 && mostlyKept >= 20, "forget gates near 0 and near 1 both come up")
    }

    @Test func twoDecimalsAreAcceptedAndAWrongSignIsNot() {
        for template in [QuizTemplate.rnnStep, .lstmCell] {
            for seed in UInt64(1)...100 {
                let question = GeneratedQuestion(template: template, seed: seed)
                let rounded = (question.answer * 100).rounded() / 100
                #expect(NumberEntry.isClose(rounded, to: question.answer, tolerance: question.tolerance), "\(question.question)")
                if abs(question.answer) > 0.05 {
                    #expect(!NumberEntry.isClose(-question.answer, to: question.answer, tolerance: question.tolerance))
                }
            }
        }
    }
}
