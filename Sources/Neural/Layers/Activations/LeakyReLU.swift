/// The leaky rectified linear unit: ReLU with a small slope for negative z, so no neuron dies.
///
///     leaky(z)  = z if z > 0, else slope·z
///     leaky′(z) = 1 if z > 0, else slope
public enum LeakyReLU {
    public static func value(_ z: Float, slope: Float) -> Float { z > 0 ? z : slope * z }
    public static func derivative(_ z: Float, slope: Float) -> Float { z > 0 ? 1 : slope }

    public static func forward(_ z: UnsafePointer<Float>, _ a: UnsafeMutablePointer<Float>, count: Int, slope: Float) {
        VectorMath.apply(count, z, a) { $0.replacing(with: $0 * slope, where: $0 .<= 0) }
    }

    public static func backward(z: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                                inputGradient: UnsafeMutablePointer<Float>, count: Int, slope: Float) {
        for index in 0..<count { inputGradient[index] = z[index] > 0 ? outputGradient[index] : slope * outputGradient[index] }
    }
}
