import Curriculum
import Foundation
import Testing
@testable import App

/// The convolutional templates, each answer checked against the formula worked here from the question's
/// own numbers.
@Suite("Generated questions: convolutions and pooling")
struct GeneratedConvolutionQuestionTests {
    static func numbers(_ question: GeneratedQuestion) -> [Int] {
        GeneratedQuestionRangeTests.numbers(in: question.question).map { Int($0) }
    }

    @Test func theOutputSizeIsTheFormulaRoundedDown() throws {
        var uneven = 0
        for question in GeneratedQuestionRangeTests.questions(.convOutputSize, seeds: 1...300) {
            // "A N×N image … a K×K kernel, padding P and stride S."
            let n = Self.numbers(question)
            try #require(n.count == 6, "\(question.question)")
            let (size, k, p, s) = (n[0], n[2], n[4], n[5])
            #expect(question.answer == Double((size - k + 2 * p) / s + 1), "\(question.question)")
            if (size - k + 2 * p) % s != 0 {
                uneven += 1
                #expect(question.explanation.contains("round down"))
            }
        }
        #expect(uneven >= 30, "strides that leave a remainder come up often")
    }

    @Test func theParameterCountIsFiltersTimesKernelPlusBias() throws {
        for question in GeneratedQuestionRangeTests.questions(.convParameterCount, seeds: 1...200) {
            // "reads C-channel N×N images with F filters of K×K (padding keeps the output N×N)"
            let n = Self.numbers(question)
            try #require(n.count == 8, "\(question.question)")
            let (c, size, f, k) = (n[0], n[1], n[3], n[4])
            #expect(question.answer == Double(f * (c * k * k + 1)), "\(question.question)")
            let dense = c * size * size * f * size * size + f * size * size
            #expect(question.explanation.contains("= \(dense)."), "the dense layer's count, \(dense)")
        }
    }

    @Test func theMaxPoolIsTheLargestOfItsBlock() throws {
        var places = Set<String>()
        for question in GeneratedQuestionRangeTests.questions(.maxPool, seeds: 1...200) {
            // "A 4×4 feature map has rows (…16 values…). A 2×2 max-pool with stride 2 turns it into 2×2. What is the P output?"
            let n = Self.numbers(question)
            try #require(n.count == 2 + 16 + 5, "\(question.question)")
            let values = Array(n[2..<18])
            let bottom = question.question.contains("bottom-"), right = question.question.contains("-right output")
            places.insert("\(bottom) \(right)")
            let top = bottom ? 2 : 0, left = right ? 2 : 0
            let block = [values[top * 4 + left], values[top * 4 + left + 1], values[(top + 1) * 4 + left], values[(top + 1) * 4 + left + 1]]
            #expect(question.answer == Double(block.max()!), "\(question.question)")
        }
        #expect(places.count == 4, "every corner is asked about")
    }

    @Test func theTrainableCountLeavesOutTheLockedLayers() throws {
        var locks = Set<String>()
        for question in GeneratedQuestionRangeTests.questions(.trainableParameters, seeds: 1...200) {
            // "1×8×8 … a 3×3 convolution with F1 filters, pooling, a 3×3 convolution with F2 filters, pooling, then a
            // dense head from D features to C classes."
            let n = Self.numbers(question)
            try #require(n.count == 11, "\(question.question)")
            let (f1, f2, features, classes) = (n[5], n[8], n[9], n[10])
            #expect(features == f2 * 2 * 2, "two 2×2 poolings leave 2×2 of each map")
            let first = f1 * (9 + 1), second = f2 * (f1 * 9 + 1), head = features * classes + classes
            let text = question.question
            let expected = text.contains("both convolutions") ? head
                : text.contains("the first convolution locked") ? second + head : first + head
            locks.insert(text.contains("both") ? "both" : text.contains("first convolution locked") ? "first" : "second")
            #expect(question.answer == Double(expected), "\(text)")
        }
        #expect(locks.count == 3)
    }
}
