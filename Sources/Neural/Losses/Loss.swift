/// How wrong the network's outputs are, as one number averaged over the batch — the quantity training lowers.
///
/// Each loss's maths, value and gradient, lives in its own file. Cross-entropy losses are paired with the
/// output activation that makes them simple and stable: binary cross-entropy with a sigmoid output and
/// categorical cross-entropy with a softmax output. For those pairs the network hands the loss its
/// *logits* (the output layer's pre-activations) and the gradient with respect to them is just
/// (prediction − target) / N, with no log(0) and no overflowing exponential anywhere.
public enum Loss: Sendable, Hashable, CaseIterable {
    /// Mean squared error, for regression: mean of (a − y)².
    case meanSquaredError
    /// Binary cross-entropy on a sigmoid output, for yes/no targets.
    case binaryCrossEntropy
    /// Categorical cross-entropy on a softmax output, for one-hot targets.
    case crossEntropy

    /// The name used on the command line and in saved models: `mse`, `bce`, `ce`.
    public var name: String {
        switch self {
        case .meanSquaredError: "mse"
        case .binaryCrossEntropy: "bce"
        case .crossEntropy: "ce"
        }
    }

    public init?(name: String) {
        switch name.lowercased() {
        case "mse", "mean-squared-error": self = .meanSquaredError
        case "bce", "binary-cross-entropy": self = .binaryCrossEntropy
        case "ce", "cross-entropy", "categorical-cross-entropy": self = .crossEntropy
        default: return nil
        }
    }

    /// The output activation whose logits this loss can take directly.
    public var pairedActivation: Activation? {
        switch self {
        case .meanSquaredError: nil
        case .binaryCrossEntropy: .sigmoid
        case .crossEntropy: .softmax
        }
    }

    /// The mean loss of `output` against `targets`, writing ∂L/∂output into `gradient`.
    public func evaluate(output: Matrix, targets: Matrix, gradient: inout Matrix) -> Float {
        check(output, targets)
        gradient.resize(rows: output.rows)
        let rows = output.rows, columns = output.columns
        return output.storage.withUnsafeBufferPointer { a in
            targets.storage.withUnsafeBufferPointer { y in
                gradient.storage.withUnsafeMutableBufferPointer { g in
                    switch self {
                    case .meanSquaredError:
                        MeanSquaredError.evaluate(a.baseAddress!, y.baseAddress!, g.baseAddress!, count: rows * columns)
                    case .binaryCrossEntropy:
                        BinaryCrossEntropy.evaluate(probabilities: a.baseAddress!, y.baseAddress!, g.baseAddress!, count: rows * columns)
                    case .crossEntropy:
                        CrossEntropy.evaluate(probabilities: a.baseAddress!, y.baseAddress!, g.baseAddress!, rows: rows, columns: columns)
                    }
                }
            }
        }
    }

    /// The mean loss computed from the logits of the paired output activation, writing ∂L/∂logits into
    /// `gradient`. Only for `binaryCrossEntropy` (sigmoid) and `crossEntropy` (softmax).
    public func evaluate(logits: Matrix, targets: Matrix, gradient: inout Matrix) -> Float {
        check(logits, targets)
        gradient.resize(rows: logits.rows)
        let rows = logits.rows, columns = logits.columns
        return logits.storage.withUnsafeBufferPointer { z in
            targets.storage.withUnsafeBufferPointer { y in
                gradient.storage.withUnsafeMutableBufferPointer { g in
                    switch self {
                    case .meanSquaredError:
                        preconditionFailure("mean squared error has no paired output activation")
                    case .binaryCrossEntropy:
                        BinaryCrossEntropy.evaluate(logits: z.baseAddress!, y.baseAddress!, g.baseAddress!, count: rows * columns)
                    case .crossEntropy:
                        CrossEntropy.evaluate(logits: z.baseAddress!, y.baseAddress!, g.baseAddress!, rows: rows, columns: columns)
                    }
                }
            }
        }
    }

    /// The mean loss alone (allocates a gradient buffer; for lessons and tests, not for training).
    public func value(output: Matrix, targets: Matrix) -> Float {
        var gradient = Matrix(rows: output.rows, columns: output.columns)
        return evaluate(output: output, targets: targets, gradient: &gradient)
    }

    private func check(_ output: Matrix, _ targets: Matrix) {
        precondition(output.rows == targets.rows && output.columns == targets.columns,
                     "\(name) loss: outputs are \(output.rows)×\(output.columns) but targets are \(targets.rows)×\(targets.columns)")
    }
}
