/// The synthetic sequence tasks: small puzzles with a known answer, each testing one thing a sequence
/// model must be able to do.
///
/// Every task is written as one sequence of symbols — the question, then the answer — and the model
/// reads it one step at a time and predicts the next symbol, as a character model does with text. The
/// mask marks only the answer's steps, so the loss and the accuracy count only what the model could
/// not have read: an example is solved when every masked target is predicted.
///
/// Symbols are the digits 0–9 (ids 0–9) and three marks: "+" (10), "=" (11), which ends the question,
/// and "·" (12), a blank step.
public enum SequenceTask: Sendable, Equatable, CustomStringConvertible {
    /// Read `digits` random digits, then write them backwards: 3 8 1 = 1 8 3.
    case reverse(digits: Int)
    /// Read `digits` random digits, then write them sorted: 3 8 1 = 1 3 8.
    case sort(digits: Int)
    /// Read one symbol, then `delay` blanks, then "=", and write the symbol again: 7 · · · = 7. The
    /// memory test: a plain recurrent network forgets as the delay grows, an LSTM holds on.
    case copy(delay: Int)
    /// Add two numbers of `digits` digits, every number written least significant digit first so the
    /// carry moves in reading order: 12 + 39 = 51 is 2 1 + 9 3 = 1 5 0.
    case addition(digits: Int)

    /// The symbol of each id, for showing examples.
    public static let symbols = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "+", "=", "·"]
    /// The id of "+".
    public static let plus = 10
    /// The id of "=", which ends every question.
    public static let equals = 11
    /// The id of a blank step.
    public static let blank = 12
    /// The number of symbols every task uses.
    public static let vocabularySize = symbols.count

    public var description: String {
        switch self {
        case .reverse(let digits): return "reverse \(digits) digits"
        case .sort(let digits): return "sort \(digits) digits"
        case .copy(let delay): return "copy after \(delay) steps"
        case .addition(let digits): return "add two \(digits)-digit numbers"
        }
    }

    /// The lengths of the question (up to and including "=") and of the answer; a size below 1 counts as 1.
    public var layout: (question: Int, answer: Int) {
        switch self {
        case .reverse(let digits), .sort(let digits): return (max(digits, 1) + 1, max(digits, 1))
        case .copy(let delay): return (max(delay, 0) + 2, 1)
        case .addition(let digits): return (2 * max(digits, 1) + 2, max(digits, 1) + 1)
        }
    }

    /// One whole sequence of the task, question then answer, drawn with `random`: the plain reference
    /// that `refill` is tested against.
    public func sequence(using random: inout RandomSource) -> [Int] {
        switch self {
        case .reverse(let digits):
            let question = (0..<max(digits, 1)).map { _ in random.nextIndex(below: 10) }
            return question + [Self.equals] + question.reversed()
        case .sort(let digits):
            let question = (0..<max(digits, 1)).map { _ in random.nextIndex(below: 10) }
            return question + [Self.equals] + question.sorted()
        case .copy(let delay):
            let symbol = random.nextIndex(below: 10)
            return [symbol] + [Int](repeating: Self.blank, count: max(delay, 0)) + [Self.equals, symbol]
        case .addition(let digits):
            let width = max(digits, 1)
            let first = (0..<width).map { _ in random.nextIndex(below: 10) }
            let second = (0..<width).map { _ in random.nextIndex(below: 10) }
            var sum: [Int] = []
            var carry = 0
            for place in 0..<width {
                let total = first[place] + second[place] + carry
                sum.append(total % 10)
                carry = total / 10
            }
            sum.append(carry)
            return first + [Self.plus] + second + [Self.equals] + sum
        }
    }

    /// `count` examples of the task, fixed by `seed`.
    ///
    /// A sequence s₀ … s_{L−1} becomes inputs s₀ … s_{L−2} and targets s₁ … s_{L−1}, and the mask is 1
    /// exactly at the steps whose target belongs to the answer. Every example has the same length, so
    /// nothing is padded.
    public func examples(count: Int, seed: UInt64) -> SequenceExamples {
        let count = max(count, 0)
        let (question, answer) = layout
        let steps = question + answer - 1
        var batch = SequenceExamples(
            name: description, inputs: Matrix(rows: count, columns: steps), targets: Matrix(rows: count, columns: steps),
            mask: Matrix(rows: count, columns: steps), vocabularySize: Self.vocabularySize)
        var random = RandomSource(seed: seed)
        refill(&batch, using: &random)
        return batch
    }

    /// Overwrites every example of `batch` — made by `examples(count:seed:)` for this task — with a
    /// fresh one drawn with `random`, without allocating, so a training loop can draw a new batch each
    /// step. It draws the same random numbers in the same order as `sequence(using:)`, its plain
    /// reference, and gives the same examples.
    public func refill(_ batch: inout SequenceExamples, using random: inout RandomSource) {
        let (question, answer) = layout
        let steps = question + answer - 1
        precondition(batch.steps == steps, "a batch of \(batch.steps) steps cannot hold \(self) (\(steps) steps)")
        let rows = batch.count
        batch.inputs.storage.withUnsafeMutableBufferPointer { inputs in
            batch.targets.storage.withUnsafeMutableBufferPointer { targets in
                batch.mask.storage.withUnsafeMutableBufferPointer { mask in
                    withUnsafeTemporaryAllocation(of: Int.self, capacity: steps + 1) { sequence in
                        for row in 0..<rows {
                            write(into: sequence, using: &random)
                            let offset = row * steps
                            for step in 0..<steps {
                                inputs[offset + step] = Float(sequence[step])
                                targets[offset + step] = Float(sequence[step + 1])
                                mask[offset + step] = step + 1 >= question ? 1 : 0
                            }
                        }
                    }
                }
            }
        }
    }

    /// Writes one whole sequence into `sequence` (which holds `question + answer` elements), drawing
    /// exactly what `sequence(using:)` draws.
    private func write(into sequence: UnsafeMutableBufferPointer<Int>, using random: inout RandomSource) {
        switch self {
        case .reverse(let digits), .sort(let digits):
            let width = max(digits, 1)
            for index in 0..<width { sequence[index] = random.nextIndex(below: 10) }
            sequence[width] = Self.equals
            if case .reverse = self {
                for index in 0..<width { sequence[width + 1 + index] = sequence[width - 1 - index] }
            } else {
                // Counting sort: the digits in increasing order, each as often as it occurs.
                var position = width + 1
                for digit in 0..<10 {
                    for index in 0..<width where sequence[index] == digit {
                        sequence[position] = digit
                        position += 1
                    }
                }
            }
        case .copy(let delay):
            let blanks = max(delay, 0)
            sequence[0] = random.nextIndex(below: 10)
            for index in 0..<blanks { sequence[1 + index] = Self.blank }
            sequence[blanks + 1] = Self.equals
            sequence[blanks + 2] = sequence[0]
        case .addition(let digits):
            let width = max(digits, 1)
            for index in 0..<width { sequence[index] = random.nextIndex(below: 10) }
            sequence[width] = Self.plus
            for index in 0..<width { sequence[width + 1 + index] = random.nextIndex(below: 10) }
            sequence[2 * width + 1] = Self.equals
            var carry = 0
            for place in 0..<width {
                let total = sequence[place] + sequence[width + 1 + place] + carry
                sequence[2 * width + 2 + place] = total % 10
                carry = total / 10
            }
            sequence[3 * width + 2] = carry
        }
    }

    /// Ids written as symbols, for showing an example: `[3, 8, 11, 8, 3]` is "38=83".
    public static func text<IDs: Sequence>(_ ids: IDs) -> String where IDs.Element == Int {
        ids.map { $0 >= 0 && $0 < symbols.count ? symbols[$0] : "?" }.joined()
    }
}
