/// Examples for a sequence model: for each example, an input at every step, the target the model
/// should produce at that step, and a mask saying which steps count.
///
/// Each is a matrix with one example per row and one column per step, row-major like every batch in
/// the engine. Inputs and targets hold token ids as whole numbers (exact in a `Float` up to 2²⁴) for
/// text and symbol tasks, or real values for forecasting (`vocabularySize` is nil then). The mask is 1
/// where the target is part of the loss and 0 where it is not — after a line ends (padding) and where a
/// task only shows the question — so a loss averaged "over the masked steps" is
/// Σ mask · loss / Σ mask.
public struct SequenceExamples: Sendable, Equatable {
    /// What the examples are, for messages and screens.
    public var name: String
    /// Inputs, `count × steps`.
    public var inputs: Matrix
    /// Targets, `count × steps`: the target at step t is what the model should output after reading
    /// inputs 0…t (for text, the next character).
    public var targets: Matrix
    /// 1 where the step's target counts, 0 where it does not; `count × steps`.
    public var mask: Matrix
    /// The number of token ids for token data, nil for real values.
    public var vocabularySize: Int?

    /// Examples from their matrices, which must all have the same shape.
    public init(name: String, inputs: Matrix, targets: Matrix, mask: Matrix, vocabularySize: Int?) {
        precondition(inputs.shape == targets.shape && inputs.shape == mask.shape,
                     "inputs \(inputs.shape), targets \(targets.shape) and mask \(mask.shape) must have the same shape")
        self.name = name
        self.inputs = inputs
        self.targets = targets
        self.mask = mask
        self.vocabularySize = vocabularySize
    }

    /// The number of examples.
    public var count: Int { inputs.rows }
    /// The number of steps in every example.
    public var steps: Int { inputs.columns }
    /// The number of steps whose target counts, over all examples.
    public var maskedStepCount: Int { Int(mask.elements.reduce(0, +)) }

    /// The input token ids of example `index`.
    public func inputTokens(_ index: Int) -> [Int] { inputs.row(index).map { Int($0) } }
    /// The target token ids of example `index`.
    public func targetTokens(_ index: Int) -> [Int] { targets.row(index).map { Int($0) } }
    /// The target token ids of example `index` at the steps that count.
    public func maskedTargetTokens(_ index: Int) -> [Int] {
        zip(targets.row(index), mask.row(index)).filter { $0.1 != 0 }.map { Int($0.0) }
    }

    /// The examples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> SequenceExamples {
        func gather(_ matrix: Matrix) -> Matrix {
            var elements: [Float] = []
            elements.reserveCapacity(indices.count * matrix.columns)
            for index in indices { elements += matrix.row(index) }
            return Matrix(rows: indices.count, columns: matrix.columns, elements: elements)
        }
        return SequenceExamples(name: name, inputs: gather(inputs), targets: gather(targets), mask: gather(mask),
                                vocabularySize: vocabularySize)
    }

    /// Splits the examples into a training and a validation set: by line when each example is a line,
    /// by block when each is a block of running text.
    ///
    /// The validation set gets `round(count × validationFraction)` examples, the fraction clamped into
    /// [0, 1] (NaN counts as 0). With `shuffle` (the default) which examples go where is random but
    /// fixed by `seed`; without it the last examples validate — right for running text, where a block
    /// next to a training block would otherwise share its sentences.
    public func split(validationFraction: Double, seed: UInt64, shuffle: Bool = true) -> (train: SequenceExamples, validation: SequenceExamples) {
        let fraction = validationFraction.isNaN ? 0 : min(max(validationFraction, 0), 1)
        let validationCount = min(count, Int((Double(count) * fraction).rounded()))
        var order = Array(0..<count)
        if shuffle {
            var random = RandomSource(seed: seed)
            random.shuffle(&order)
        }
        let trainCount = count - validationCount
        return (subset(Array(order[0..<trainCount])), subset(Array(order[trainCount...])))
    }
}
