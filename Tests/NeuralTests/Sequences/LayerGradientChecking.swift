@testable import Neural

/// Finite differences for one layer on its own: the loss is L = Σ output ⊙ R for a fixed random R, so
/// ∂L/∂output = R, and each parameter's (and each input's) analytic gradient from `backward` is compared
/// with (L(θ + ε) − L(θ − ε)) / 2ε computed in double precision from the layer's forward pass.
enum LayerGradientChecking {
    struct Result {
        var worstParameterError: Float = 0
        var worstInputError: Float = 0
        var checked = 0
    }

    static func relativeError(_ analytic: Float, _ numerical: Float, floor: Float = 1e-2) -> Float {
        abs(analytic - numerical) / max(abs(analytic), abs(numerical), floor)
    }

    static func projectedLoss(_ layer: any Layer, _ input: Matrix, _ projection: [Float]) -> Double {
        var copy = layer
        copy.forward(input, mode: .training)
        var total = 0.0
        for index in 0..<copy.output.count { total += Double(copy.output.storage[index]) * Double(projection[index]) }
        return total
    }

    /// Checks every parameter element (or every `stride`-th) and, with `checkInput`, every input element.
    static func check(_ layer: any Layer, input: Matrix, checkInput: Bool, epsilon: Float = 1e-2, seed: UInt64 = 3,
                      stride: Int = 1) -> Result {
        var random = RandomSource(seed: seed)
        var analytic = layer
        analytic.forward(input, mode: .training)
        let projection = (0..<analytic.output.count).map { _ in random.uniform(-1...1) }
        let gradient = Matrix(rows: analytic.output.rows, columns: analytic.output.columns, elements: projection)
        analytic.backward(input: input, outputGradient: gradient, computeInputGradient: checkInput)
        var result = Result()
        for (position, parameter) in layer.parameters.enumerated() {
            for element in Swift.stride(from: 0, to: parameter.count, by: stride) {
                func lossWith(_ shift: Float) -> Double {
                    var shifted = layer
                    shifted.parameters[position].values.storage[element] += shift
                    return projectedLoss(shifted, input, projection)
                }
                let numerical = Float((lossWith(epsilon) - lossWith(-epsilon)) / Double(2 * epsilon))
                let error = relativeError(analytic.parameters[position].gradient.storage[element], numerical)
                result.worstParameterError = max(result.worstParameterError, error)
                result.checked += 1
            }
        }
        if checkInput {
            for element in 0..<input.count {
                func lossWith(_ shift: Float) -> Double {
                    var shifted = input
                    shifted.storage[element] += shift
                    return projectedLoss(layer, shifted, projection)
                }
                let numerical = Float((lossWith(epsilon) - lossWith(-epsilon)) / Double(2 * epsilon))
                let error = relativeError(analytic.inputGradient.storage[element], numerical)
                result.worstInputError = max(result.worstInputError, error)
                result.checked += 1
            }
        }
        return result
    }

    /// A batch of `rows` random sequences of `steps × features` numbers.
    static func randomSequences(rows: Int, steps: Int, features: Int, seed: UInt64) -> Matrix {
        var random = RandomSource(seed: seed)
        return Matrix(rows: rows, columns: steps * features, elements: (0..<(rows * steps * features)).map { _ in random.uniform(-1...1) })
    }
}
