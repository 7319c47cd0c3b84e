/// One learnable tensor of a layer, with its gradient: a dense layer's `weight` `[out, in]` and `bias`
/// `[out]`, a convolution's `weight` `[out, in, kh, kw]` and `bias` `[out]`.
///
/// The name is the one PyTorch gives the same tensor inside its module, so a network's tensors are saved
/// as `"<layer index>.<name>"`, exactly the keys of `torch.nn.Sequential.state_dict()`. The numbers are
/// kept row-major in a `Matrix` of `shape[0]` rows (one per output neuron or filter) and the product of
/// the other dimensions as columns, which is the matrix the layer's products need.
public struct Parameter: Sendable {
    /// The name inside the layer, as PyTorch names it: `weight` or `bias`.
    public let name: String
    /// The shape PyTorch gives the tensor, such as `[8, 1, 3, 3]`.
    public let shape: [Int]
    /// The numbers.
    public var values: Matrix
    /// ∂L/∂values from the last backward pass (all zero until one runs, and while frozen).
    public var gradient: Matrix
    /// Whether training changes it; a frozen tensor gets no gradient and no optimizer step.
    public var isTrainable: Bool
    /// Whether L1/L2 weight penalties apply (to weights, never to biases, as PyTorch's `weight_decay` on
    /// the usual parameter groups).
    public let isPenalised: Bool

    /// A tensor of `shape` holding `values` (row-major), with a zero gradient.
    public init(name: String, shape: [Int], values: [Float], isPenalised: Bool, isTrainable: Bool = true) {
        let rows = shape.first ?? 1
        let columns = shape.dropFirst().reduce(1, *)
        guard values.count == rows * columns else {
            fatalError("parameter \(name) of shape \(shape) needs \(rows * columns) numbers, got \(values.count)")
        }
        self.name = name
        self.shape = shape
        self.values = Matrix(rows: rows, columns: columns, elements: values)
        self.gradient = Matrix(rows: rows, columns: columns)
        self.isTrainable = isTrainable
        self.isPenalised = isPenalised
    }

    /// How many numbers the tensor holds.
    public var count: Int { values.count }

    /// A copy that shares no storage with this one, so neither one's next write has to copy.
    public func detachedCopy() -> Parameter {
        var copy = self
        copy.values = Matrix(rows: values.rows, columns: values.columns, elements: values.storage.fresh(count: values.count))
        copy.gradient = Matrix(rows: gradient.rows, columns: gradient.columns, elements: gradient.storage.fresh(count: gradient.count))
        return copy
    }

    /// Copies the numbers of `other` (same shape) into the storage this tensor already has.
    public mutating func copyValues(from other: Parameter) {
        guard other.shape == shape else { fatalError("cannot copy \(other.name) \(other.shape) into \(name) \(shape)") }
        values.copy(from: other.values)
    }

    /// One optimizer step on these numbers from their gradient, with the optimizer's state in `slot`.
    mutating func step(_ optimizer: inout Optimizer, slot: Int) {
        let count = values.count, penalised = isPenalised
        values.storage.withUnsafeMutableBufferPointer { v in
            gradient.storage.withUnsafeBufferPointer { g in
                optimizer.update(v.baseAddress!, gradient: g.baseAddress!, count: count, slot: slot, penalised: penalised)
            }
        }
    }
}

extension Array where Element == Float {
    /// The first `count` numbers in a buffer of their own (`Array(self[...])` may hand back this very buffer).
    func fresh(count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: Swift.max(count, 1)) { buffer, initialized in
            self.withUnsafeBufferPointer { source in
                if count > 0 { buffer.baseAddress!.initialize(from: source.baseAddress!, count: count) }
            }
            initialized = count
        }
    }
}
