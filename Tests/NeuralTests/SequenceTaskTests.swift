import Foundation
import Testing
import _AllocationCounter
@testable import Neural

@Suite("Synthetic sequence tasks")
struct SequenceTaskTests {
    static let tasks: [SequenceTask] = [.reverse(digits: 6), .sort(digits: 6), .copy(delay: 20), .addition(digits: 3)]

    /// The whole sequence of an example: its first input, then every target.
    static func sequence(_ examples: SequenceExamples, _ row: Int) -> [Int] {
        [examples.inputTokens(row)[0]] + examples.targetTokens(row)
    }

    @Test func reverseSortAndCopyAnswersAreRight() {
        let reverse = SequenceTask.reverse(digits: 6).examples(count: 200, seed: 1)
        let sort = SequenceTask.sort(digits: 6).examples(count: 200, seed: 1)
        let copy = SequenceTask.copy(delay: 20).examples(count: 200, seed: 1)
        #expect(reverse.steps == 12 && sort.steps == 12 && copy.steps == 22)
        for row in 0..<200 {
            let r = Self.sequence(reverse, row)
            #expect(r[6] == SequenceTask.equals)
            #expect(Array(r[7...]) == Array(r[0..<6].reversed()))
            #expect(reverse.maskedTargetTokens(row) == Array(r[7...]))
            let s = Self.sequence(sort, row)
            #expect(Array(s[7...]) == s[0..<6].sorted())
            #expect(sort.maskedTargetTokens(row) == Array(s[7...]))
            let c = Self.sequence(copy, row)
            #expect(Array(c[1...20]) == [Int](repeating: SequenceTask.blank, count: 20))
            #expect(c[21] == SequenceTask.equals && c[22] == c[0] && c[0] < 10)
            #expect(copy.maskedTargetTokens(row) == [c[0]])
        }
        #expect(reverse.mask.row(0) == [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1])
    }

    @Test func additionAnswersAreTheSumWrittenBackwards() {
        let examples = SequenceTask.addition(digits: 3).examples(count: 500, seed: 2)
        // 3 + "+" + 3 + "=" + 4 answer digits = 12 symbols, so 11 steps.
        #expect(examples.steps == 11)
        func number(_ digits: ArraySlice<Int>) -> Int { digits.reversed().reduce(0) { $0 * 10 + $1 } }
        var sawCarryOut = false
        for row in 0..<500 {
            let s = Self.sequence(examples, row)
            #expect(s[3] == SequenceTask.plus && s[7] == SequenceTask.equals)
            let a = number(s[0..<3]), b = number(s[4..<7]), c = number(s[8..<12])
            #expect(a + b == c, "\(SequenceTask.text(s))")
            #expect(examples.maskedTargetTokens(row).count == 4)
            if a + b >= 1000 { sawCarryOut = true }
        }
        #expect(sawCarryOut)
        #expect(SequenceTask.text([2, 1, 10, 9, 3, 11, 1, 5, 0]) == "21+93=150")
    }

    @Test func digitsAreSpreadEvenly() {
        // 6,000 digits of 10 kinds: each kind's count has standard deviation about 23 around 600.
        let examples = SequenceTask.reverse(digits: 6).examples(count: 1_000, seed: 3)
        var counts = [Int](repeating: 0, count: 10)
        for row in 0..<1_000 { for digit in examples.inputTokens(row)[0..<6] { counts[digit] += 1 } }
        #expect(counts.allSatisfy { abs($0 - 600) < 100 }, "\(counts)")
    }

    @Test func sameSeedSameExamples() {
        for task in Self.tasks {
            #expect(task.examples(count: 30, seed: 9) == task.examples(count: 30, seed: 9), "\(task)")
            #expect(task.examples(count: 30, seed: 9) != task.examples(count: 30, seed: 10), "\(task)")
            #expect(task.examples(count: 30, seed: 9).vocabularySize == 13)
        }
        #expect(SequenceTask.copy(delay: 0).examples(count: 3, seed: 1).steps == 2)
        #expect(SequenceTask.reverse(digits: -4).examples(count: -3, seed: 1).count == 0)
    }

    @Test func sineForecastTargetsAreTheNextValue() {
        let clean = SequenceExamples.sineForecast(count: 50, steps: 40, noise: 0, seed: 4)
        #expect(clean.vocabularySize == nil && clean.maskedStepCount == 2_000)
        for row in 0..<50 {
            let inputs = clean.inputs.row(row), targets = clean.targets.row(row)
            #expect(Array(inputs[1...]) == Array(targets[..<39]))
            #expect(inputs.allSatisfy { abs($0) <= 1 })
            // A clean sine obeys x(t+1) + x(t−1) = 2 cos(2π/P) x(t): the ratio is the same at every step.
            let ratios = (1..<39).compactMap { t -> Float? in
                abs(inputs[t]) > 0.3 ? (inputs[t + 1] + inputs[t - 1]) / inputs[t] : nil
            }
            #expect(ratios.max()! - ratios.min()! < 1e-3)
            // Periods of 12 to 30 steps give 2 cos(2π/P) between 2cos(π/6) ≈ 1.73 and 2cos(π/15) ≈ 1.96.
            #expect(ratios[0] > 1.73 - 1e-3 && ratios[0] < 1.957 + 1e-3)
        }
        // With noise σ, the difference from the clean wave has standard deviation σ.
        let noisy = SequenceExamples.sineForecast(count: 50, steps: 40, noise: 0.2, seed: 4)
        let differences = zip(noisy.inputs.elements, clean.inputs.elements).map { Double($0 - $1) }
        let deviation = (differences.map { $0 * $0 }.reduce(0, +) / Double(differences.count)).squareRoot()
        #expect(abs(deviation - 0.2) < 0.01)
    }
}

@Suite("Sequence batches without allocation")
struct SequenceBatchTests {
    @Test func refillDrawsWhatThePlainReferenceDraws() {
        for task in SequenceTaskTests.tasks + [.copy(delay: 0), .addition(digits: 1), .sort(digits: 9)] {
            var random = RandomSource(seed: 21)
            let reference = (0..<40).map { _ in task.sequence(using: &random) }
            let examples = task.examples(count: 40, seed: 21)
            for row in 0..<40 {
                #expect(SequenceTaskTests.sequence(examples, row) == reference[row], "\(task)")
            }
        }
    }

    @Test func refillAndFillBatchAllocateNothing() throws {
        let task = SequenceTask.addition(digits: 4)
        var batch = task.examples(count: 32, seed: 1)
        var random = RandomSource(seed: 2)
        task.refill(&batch, using: &random)
        let names = try SequenceExamples.lines(of: TextCorpus.names(), steps: 16)
        var namesBatch = names.emptyBatch(capacity: 32)
        let order = Array((0..<names.count).reversed())
        names.fillBatch(&namesBatch, indices: order[0..<32])
        let before = gs_thread_allocation_count()
        for step in 1..<49 {
            task.refill(&batch, using: &random)
            names.fillBatch(&namesBatch, indices: order[(step * 32)..<(step * 32 + (step.isMultiple(of: 7) ? 5 : 32))])
        }
        let allocations = gs_thread_allocation_count() - before
        #expect(allocations == 0, "\(allocations) allocations")
        // The last batch (step 48, not a multiple of 7) holds names 48×32 … counted from the end.
        #expect(namesBatch.count == 32)
        #expect(namesBatch.inputs.row(0) == names.inputs.row(names.count - 1 - 48 * 32))
        #expect(namesBatch.mask.row(31) == names.mask.row(names.count - 1 - (48 * 32 + 31)))
    }
}
