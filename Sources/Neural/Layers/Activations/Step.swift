/// The step function of the classic perceptron.
///
///     step(z) = 1 if z > 0, else 0
///     step′(z) = 0 for z ≠ 0 (undefined at 0)
///
/// Its derivative is zero wherever it exists, so no gradient flows through it: this is why networks of
/// step units cannot be trained by backpropagation, and why smooth activations replaced it.
public enum Step {
    public static func value(_ z: Float) -> Float { z > 0 ? 1 : 0 }

    public static func forward(_ z: UnsafePointer<Float>, _ a: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count { a[index] = z[index] > 0 ? 1 : 0 }
    }
}
