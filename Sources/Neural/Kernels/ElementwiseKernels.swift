import _MatrixKernels

/// The element-wise loops of a training step (e^x, tanh, σ, ReLU's backward pass, the SGD, RMSprop and Adam
/// steps, a dense layer's bias and its gradient, and normal numbers for a GAN's noise), written once in C and
/// compiled for each kind of vector unit, like the product kernels (``MatrixProduct/Variant``).
///
/// A native build compiles the engine's Swift for the machine it is built on, so its own loops
/// (``VectorMath``, ``SGD``, ``RMSprop``, ``Adam``) already use the widest vectors and fused multiply-add. The
/// portable build (`GRADSCHOOL_PORTABLE=1`) compiles Swift for a baseline CPU: 4-float vectors, no fused
/// multiply-add, and ⌊x⌋ (which e^x needs) as a library call per number. There these loops call the C
/// versions instead, in the variant chosen by CPUID, so a portable binary trains about as fast as a native one.
///
/// Each variant computes the same formulas as the Swift loops; tests compare every variant the CPU can run
/// with the plain scalar formulas at every length from 0 to 40 and beyond. The bias, its gradient and the
/// normal numbers run through these kernels in every build: they give the plain loops' bits, faster.
public enum ElementwiseKernels {
    /// Whether the engine's activations, losses and optimizer steps call these kernels (the portable build)
    /// rather than its Swift loops (a native build).
    public static var replaceSwiftLoops: Bool { MatrixProduct.Variant.isPortableBuild }

    /// y = e^x for `count` floats; `x` and `y` may be the same buffer.
    public static func exp(_ count: Int, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                           variant: MatrixProduct.Variant = .selected) {
        gs_vector_exp(variant.rawValue, count, x, y)
    }

    /// y = tanh x for `count` floats.
    public static func tanh(_ count: Int, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                            variant: MatrixProduct.Variant = .selected) {
        gs_vector_tanh(variant.rawValue, count, x, y)
    }

    /// y = σ(x) = 1 / (1 + e^(−x)) for `count` floats.
    public static func sigmoid(_ count: Int, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                               variant: MatrixProduct.Variant = .selected) {
        gs_vector_sigmoid(variant.rawValue, count, x, y)
    }

    /// ReLU's backward pass, as ``ReLU/backward(z:outputGradient:inputGradient:count:)``: ∂L/∂a where z > 0, else 0.
    public static func reluBackward(_ count: Int, z: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                                    inputGradient: UnsafeMutablePointer<Float>, variant: MatrixProduct.Variant = .selected) {
        gs_relu_backward(variant.rawValue, count, z, outputGradient, inputGradient)
    }

    /// A dense layer's bias added to each of `rows` rows of `z`: `z[r, j] += bias[j]`. Every build calls this
    /// one (it keeps the bias in registers while the rows go by).
    public static func addBias(rows: Int, columns: Int, bias: UnsafePointer<Float>, to z: UnsafeMutablePointer<Float>,
                               variant: MatrixProduct.Variant = .selected) {
        gs_add_bias(variant.rawValue, rows, columns, bias, z)
    }

    /// The column sums of a `rows × columns` matrix, `sums[j] = Σᵣ g[r, j]`: a dense layer's bias gradient.
    /// The sums stay in registers while the rows go by, rather than being stored and reloaded for every row.
    public static func columnSums(rows: Int, columns: Int, of g: UnsafePointer<Float>, into sums: UnsafeMutablePointer<Float>,
                                  variant: MatrixProduct.Variant = .selected) {
        gs_column_sums(variant.rawValue, rows, columns, g, sums)
    }

    /// `pairs` pairs of normal numbers `mean + standardDeviation·z` from as many draws, interleaved into `out`:
    /// ``RandomSource/normalPair(draw:)`` for a vector of draws at a time, with the same bits.
    public static func normalPairs(_ pairs: Int, draws: UnsafePointer<UInt64>, into out: UnsafeMutablePointer<Float>,
                                   mean: Float, standardDeviation: Float, variant: MatrixProduct.Variant = .selected) {
        gs_normal_pairs(variant.rawValue, pairs, draws, out, mean, standardDeviation)
    }

    /// Plain SGD, as ``SGD/update(_:_:count:learningRate:l1:l2:)``.
    public static func sgd(_ p: UnsafeMutablePointer<Float>, _ gradient: UnsafePointer<Float>, count: Int,
                           learningRate: Float, l1: Float, l2: Float, variant: MatrixProduct.Variant = .selected) {
        gs_sgd_step(variant.rawValue, count, p, gradient, learningRate, l1, l2)
    }

    /// SGD with momentum, as ``SGD/update(_:_:velocity:count:learningRate:momentum:nesterov:l1:l2:)``.
    public static func sgd(_ p: UnsafeMutablePointer<Float>, _ gradient: UnsafePointer<Float>, velocity: UnsafeMutablePointer<Float>,
                           count: Int, learningRate: Float, momentum: Float, nesterov: Bool, l1: Float, l2: Float,
                           variant: MatrixProduct.Variant = .selected) {
        gs_sgd_momentum_step(variant.rawValue, count, p, gradient, velocity, learningRate, momentum, nesterov, l1, l2)
    }

    /// RMSprop, as ``RMSprop/update(_:_:squareAverage:count:learningRate:alpha:epsilon:l1:l2:)``.
    public static func rmsprop(_ p: UnsafeMutablePointer<Float>, _ gradient: UnsafePointer<Float>,
                               squareAverage: UnsafeMutablePointer<Float>, count: Int, learningRate: Float, alpha: Float,
                               epsilon: Float, l1: Float, l2: Float, variant: MatrixProduct.Variant = .selected) {
        gs_rmsprop_step(variant.rawValue, count, p, gradient, squareAverage, learningRate, alpha, epsilon, l1, l2)
    }

    /// Adam, with the bias corrections already folded into `stepSize` = lr / (1 − β₁ᵗ) and
    /// `inverseRootCorrection2` = 1 / √(1 − β₂ᵗ), as ``Adam/update(_:_:mean:squareMean:count:step:learningRate:beta1:beta2:epsilon:l1:l2:)``.
    public static func adam(_ p: UnsafeMutablePointer<Float>, _ gradient: UnsafePointer<Float>, mean: UnsafeMutablePointer<Float>,
                            squareMean: UnsafeMutablePointer<Float>, count: Int, stepSize: Float, inverseRootCorrection2: Float,
                            beta1: Float, beta2: Float, epsilon: Float, l1: Float, l2: Float,
                            variant: MatrixProduct.Variant = .selected) {
        gs_adam_step(variant.rawValue, count, p, gradient, mean, squareMean, stepSize, inverseRootCorrection2,
                     beta1, beta2, epsilon, l1, l2)
    }
}
