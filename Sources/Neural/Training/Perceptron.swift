/// Rosenblatt's perceptron: one neuron with a step activation, trained by the perceptron learning rule.
///
///     z = w·x + b                    the weighted sum
///     ŷ = step(z) = 1 if z > 0 else 0
///     after each example:  w ← w + η (y − ŷ) x,   b ← b + η (y − ŷ)
///
/// A right answer (y = ŷ) changes nothing; a wrong one moves the decision line w·x + b = 0 toward the
/// misclassified point. If one straight line can separate the classes (AND, OR, NAND), the rule stops
/// making mistakes after finitely many updates; if none can (XOR), it never settles.
public struct Perceptron: Sendable, Hashable {
    public var weights: [Float]
    public var bias: Float
    /// η, how far each mistake moves the line.
    public var learningRate: Float

    public init(weights: [Float], bias: Float = 0, learningRate: Float = 1) {
        self.weights = weights
        self.bias = bias
        self.learningRate = learningRate
    }

    /// A perceptron with `inputs` zero weights.
    public init(inputs: Int, learningRate: Float = 1) {
        self.init(weights: [Float](repeating: 0, count: inputs), learningRate: learningRate)
    }

    /// z = w·x + b.
    public func weightedSum(_ input: [Float]) -> Float {
        precondition(input.count == weights.count, "the perceptron has \(weights.count) inputs, got \(input.count)")
        var sum = bias
        for index in weights.indices { sum += weights[index] * input[index] }
        return sum
    }

    /// step(w·x + b): 1 or 0.
    public func predict(_ input: [Float]) -> Int { weightedSum(input) > 0 ? 1 : 0 }

    /// What one application of the learning rule did.
    public struct Update: Sendable, Hashable {
        public var input: [Float]
        public var target: Int
        public var prediction: Int
        public var weightsBefore: [Float]
        public var biasBefore: Float
        public var weightsAfter: [Float]
        public var biasAfter: Float
        /// Whether the example was misclassified (and so the weights moved).
        public var wasMistake: Bool { prediction != target }
    }

    /// Applies the learning rule to one example.
    @discardableResult
    public mutating func learn(_ input: [Float], target: Int) -> Update {
        let prediction = predict(input)
        let before = weights, biasBefore = bias
        let error = Float(target - prediction)
        if error != 0 {
            for index in weights.indices { weights[index] += learningRate * error * input[index] }
            bias += learningRate * error
        }
        return Update(input: input, target: target, prediction: prediction, weightsBefore: before, biasBefore: biasBefore,
                      weightsAfter: weights, biasAfter: bias)
    }

    /// One pass over the examples in order; returns the number of mistakes made on the way.
    @discardableResult
    public mutating func trainEpoch(inputs: [[Float]], targets: [Int]) -> Int {
        var mistakes = 0
        for (input, target) in zip(inputs, targets) where learn(input, target: target).wasMistake { mistakes += 1 }
        return mistakes
    }

    /// Passes over the examples until one makes no mistake, or `maxEpochs` have run.
    public mutating func train(inputs: [[Float]], targets: [Int], maxEpochs: Int) -> (converged: Bool, epochs: Int) {
        for epoch in 1...max(maxEpochs, 1) where trainEpoch(inputs: inputs, targets: targets) == 0 {
            return (true, epoch)
        }
        return (false, maxEpochs)
    }

    /// The fraction of examples classified right.
    public func accuracy(inputs: [[Float]], targets: [Int]) -> Float {
        guard !inputs.isEmpty else { return 0 }
        let right = zip(inputs, targets).filter { predict($0) == $1 }.count
        return Float(right) / Float(inputs.count)
    }
}
