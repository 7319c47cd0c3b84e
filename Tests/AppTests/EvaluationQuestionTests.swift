import Curriculum
import Foundation
import Testing
@testable import App

/// The generated questions of the data, metrics and tuning lessons: each answer checked against the
/// arithmetic done by hand on the numbers the question shows.
@Suite("Generated questions on data, metrics and tuning")
struct EvaluationQuestionTests {
    static func numbers(_ text: String) -> [Double] { GeneratedQuestionRangeTests.numbers(in: text) }

    @Test func confusionScoresAreTheFormulasOnTheCountsShown() throws {
        var asked: Set<String> = []
        for seed in UInt64(1)...200 {
            let question = GeneratedQuestion(template: .confusionScores, seed: seed)
            // "tested on TOTAL emails, SPAM of them spam. It flags FLAGGED emails, TP of which are spam."
            let n = Self.numbers(question.question.replacingOccurrences(of: "F1", with: "F"))
            try #require(n.count == 4, "\(question.question)")
            let total = n[0], spam = n[1], flagged = n[2], tp = n[3]
            #expect(total > spam && flagged >= tp && tp < spam)
            let precision: Double = tp / flagged, recall: Double = tp / spam
            let expected: Double
            if question.question.contains("its precision") {
                expected = precision
                asked.insert("precision")
            } else if question.question.contains("its recall") {
                expected = recall
                asked.insert("recall")
            } else {
                #expect(question.question.contains("its F1"))
                let product: Double = 2 * precision * recall
                expected = product / (precision + recall)
                asked.insert("F1")
            }
            #expect(abs(question.answer - expected) < 1e-6, "\(question.question)")
        }
        #expect(asked == ["precision", "recall", "F1"])
    }

    @Test func theFalsePositiveRateIsTheShareOfNegativesFlagged() throws {
        for seed in UInt64(1)...100 {
            let question = GeneratedQuestion(template: .falsePositiveRate, seed: seed)
            // "calls TP of P sick patients sick, and FP of N healthy ones sick too."
            let n = Self.numbers(question.question)
            try #require(n.count == 4, "\(question.question)")
            #expect(abs(question.answer - n[2] / n[3]) < 1e-6, "\(question.question)")
        }
    }

    @Test func aStandardisedValueIsMinusTheMeanOverThePopulationDeviation() throws {
        for seed in UInt64(1)...100 {
            let question = GeneratedQuestion(template: .standardizedValue, seed: seed)
            let n = Self.numbers(question.question)
            try #require(n.count == 5, "\(question.question)")
            let values = Array(n[0..<4]), x = n[4]
            var sum = 0.0, squares = 0.0
            for value in values { sum += value }
            let mean = sum / 4
            for value in values { squares += (value - mean) * (value - mean) }
            let deviation = (squares / 4).squareRoot()
            let expected = (x - mean) / deviation
            #expect(abs(question.answer - expected) < 1e-4, "\(question.question)")
        }
    }

    @Test func aStratifiedTestSetHoldsTheClassInProportion() throws {
        for seed in UInt64(1)...100 {
            let question = GeneratedQuestion(template: .stratifiedSplit, seed: seed)
            // "holds SIZE patients, SICK of them sick … keeps PERCENT % of the patients for testing."
            let n = Self.numbers(question.question)
            try #require(n.count == 3, "\(question.question)")
            #expect(question.answer == n[1] * n[2] / 100, "\(question.question)")
        }
    }

    @Test func aGridCostsTheProductOfItsValueCounts() throws {
        var kinds: Set<Int> = []
        for seed in UInt64(1)...100 {
            let question = GeneratedQuestion(template: .gridCost, seed: seed)
            let n = Self.numbers(question.question)
            let perSetting = n[0], settings = n[1]
            let trials = pow(perSetting, settings)
            if question.question.contains("How many trials does it cost") {
                kinds.insert(0)
                #expect(question.answer == trials)
            } else if question.question.contains("different learning rates does it try") {
                kinds.insert(1)
                #expect(question.answer == perSetting && n[2] == trials)
            } else {
                kinds.insert(2)
                #expect(question.answer == trials && n[2] == trials)
            }
        }
        #expect(kinds.count == 3)
    }

    @Test func classRecallIsTheDiagonalOverTheRow() throws {
        for seed in UInt64(1)...100 {
            let question = GeneratedQuestion(template: .classRecall, seed: seed)
            // "the row of the digit D reads A in the column D, B in the column E and C in the column F"
            let n = Self.numbers(question.question)
            try #require(n.count >= 8, "\(question.question)")
            let right = n[1], first = n[3], second = n[5]
            #expect(abs(question.answer - right / (right + first + second)) < 1e-9, "\(question.question)")
        }
    }

    @Test func sayingNoScoresTheShareOfTheCommonClass() throws {
        for seed in UInt64(1)...100 {
            let question = GeneratedQuestion(template: .majorityAccuracy, seed: seed)
            let n = Self.numbers(question.question)
            try #require(n.count == 2, "\(question.question)")
            #expect(abs(question.answer - (n[0] - n[1]) / n[0] * 100) < 1e-9, "\(question.question)")
        }
    }

    @Test func theTrainingSetIsWhatTheTwoSharesLeave() throws {
        for seed in UInt64(1)...100 {
            let question = GeneratedQuestion(template: .splitSizes, seed: seed)
            let n = Self.numbers(question.question)
            try #require(n.count == 3, "\(question.question)")
            let total = n[0]
            let left = total - (total * n[1] / 100).rounded() - (total * n[2] / 100).rounded()
            #expect(question.answer == left, "\(question.question)")
        }
    }

    @Test func aLogUniformDrawGivesEveryDecadeTheSameShare() throws {
        for seed in UInt64(1)...100 {
            let question = GeneratedQuestion(template: .logUniformShare, seed: seed)
            let n = Self.numbers(question.question)
            try #require(n.count == 3, "\(question.question)")
            let decades = log10(n[1]) - log10(n[0]), below = log10(n[2]) - log10(n[0])
            #expect(abs(question.answer - below / decades * 100) < 1e-6, "\(question.question)")
        }
    }
}
