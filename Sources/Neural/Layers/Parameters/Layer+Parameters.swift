/// The two tensors most layers with parameters have, read by name: a dense layer's or a convolution's
/// `weight` and `bias`. Drawing code and lessons read these; the engine itself goes through `parameters`.
extension Layer {
    /// The `weight` tensor as a matrix of one row per neuron (or filter); stops with a sentence when the
    /// layer has none.
    public var weights: Matrix { required("weight").values }
    /// The `bias` tensor, one number per neuron (or filter).
    public var bias: [Float] { required("bias").values.elements }
    /// ∂L/∂weights from the last backward pass.
    public var weightGradient: Matrix { required("weight").gradient }
    /// ∂L/∂bias from the last backward pass.
    public var biasGradient: [Float] { required("bias").gradient.elements }

    private func required(_ name: String) -> Parameter {
        guard let parameter = parameter(named: name) else { fatalError("\(summary) has no parameter \"\(name)\"") }
        return parameter
    }
}
