/// The logistic sigmoid.
///
///     σ(z)  = 1 / (1 + e^(−z))             squashes any number into (0, 1)
///     σ′(z) = σ(z) · (1 − σ(z))            at most ¼, at z = 0
///
/// Backward uses the activation itself: ∂L/∂z = ∂L/∂a · a(1 − a). For |z| beyond about 5 the derivative is
/// nearly 0 — the neuron *saturates* and learns slowly.
public enum Sigmoid {
    public static func value(_ z: Float) -> Float {
        // Written so e^x never overflows: for z < 0, σ(z) = e^z / (1 + e^z).
        if z >= 0 { return 1 / (1 + _exp(-z)) }
        let e = _exp(z)
        return e / (1 + e)
    }

    public static func derivative(_ z: Float) -> Float {
        let a = value(z)
        return a * (1 - a)
    }

    public static func forward(_ z: UnsafePointer<Float>, _ a: UnsafeMutablePointer<Float>, count: Int) {
        if ElementwiseKernels.replaceSwiftLoops { ElementwiseKernels.sigmoid(count, z, a); return }
        VectorMath.apply(count, z, a) { VectorMath.sigmoid($0) }
    }

    public static func backward(a: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                                inputGradient: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count { inputGradient[index] = outputGradient[index] * a[index] * (1 - a[index]) }
    }
}
