/// The rectified linear unit.
///
///     relu(z)  = max(0, z)
///     relu′(z) = 1 if z > 0, else 0     (0 is taken at z = 0, as PyTorch does)
///
/// It never saturates for positive z, which is why deep networks train well with it; a neuron whose z stays
/// negative for every example passes no gradient and stops learning ("dies").
public enum ReLU {
    public static func value(_ z: Float) -> Float { max(0, z) }
    public static func derivative(_ z: Float) -> Float { z > 0 ? 1 : 0 }

    public static func forward(_ z: UnsafePointer<Float>, _ a: UnsafeMutablePointer<Float>, count: Int) {
        VectorMath.apply(count, z, a) { $0.replacing(with: 0, where: $0 .< 0) }
    }

    public static func backward(z: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                                inputGradient: UnsafeMutablePointer<Float>, count: Int) {
        if ElementwiseKernels.replaceSwiftLoops {
            ElementwiseKernels.reluBackward(count, z: z, outputGradient: outputGradient, inputGradient: inputGradient)
            return
        }
        for index in 0..<count { inputGradient[index] = z[index] > 0 ? outputGradient[index] : 0 }
    }
}
