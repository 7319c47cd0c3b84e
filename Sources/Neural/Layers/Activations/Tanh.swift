/// The hyperbolic tangent.
///
///     tanh(z)  = (e^z − e^(−z)) / (e^z + e^(−z))     squashes into (−1, 1), zero-centred
///     tanh′(z) = 1 − tanh²(z)                        at most 1, at z = 0
///
/// Backward uses the activation itself: ∂L/∂z = ∂L/∂a · (1 − a²).
public enum Tanh {
    public static func value(_ z: Float) -> Float { _tanh(z) }

    public static func derivative(_ z: Float) -> Float {
        let a = _tanh(z)
        return 1 - a * a
    }

    public static func forward(_ z: UnsafePointer<Float>, _ a: UnsafeMutablePointer<Float>, count: Int) {
        if ElementwiseKernels.replaceSwiftLoops { ElementwiseKernels.tanh(count, z, a); return }
        VectorMath.apply(count, z, a) { VectorMath.tanh($0) }
    }

    public static func backward(a: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                                inputGradient: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count { inputGradient[index] = outputGradient[index] * (1 - a[index] * a[index]) }
    }
}
