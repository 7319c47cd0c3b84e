import Foundation
@testable import Neural

/// What the attention tests share: a masked per-step loss for finite-difference checks, and the sequence
/// accuracy of a trained model (training itself uses the engine's `SequenceCrossEntropy`).
enum AttentionTesting {
    /// Random numbers in ±`scale`, fixed by `seed`.
    static func randomMatrix(rows: Int, columns: Int, seed: UInt64, scale: Float = 1) -> Matrix {
        var random = RandomSource(seed: seed)
        return Matrix(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { _ in random.uniform(-scale...scale) })
    }

    /// L = Σₙ Σₜ mask[n, t] · Σⱼ (½·y² + c·y) over the `width` numbers of step t, with fixed coefficients c:
    /// a loss whose steps with mask 0 (padding) count for nothing. ∂L/∂y = mask · (y + c).
    struct MaskedLoss {
        let mask: [Float]
        let coefficients: Matrix
        let width: Int

        func value(_ y: Matrix) -> Double {
            var total = 0.0
            for n in 0..<y.rows {
                for column in 0..<y.columns {
                    let m = Double(mask[n * (y.columns / width) + column / width])
                    let value = Double(y[n, column])
                    total += m * (0.5 * value * value + Double(coefficients[n, column]) * value)
                }
            }
            return total
        }

        func gradient(_ y: Matrix) -> Matrix {
            var g = Matrix(rows: y.rows, columns: y.columns)
            for n in 0..<y.rows {
                for column in 0..<y.columns {
                    g[n, column] = mask[n * (y.columns / width) + column / width] * (y[n, column] + coefficients[n, column])
                }
            }
            return g
        }
    }

    /// The worst relative error between backpropagation and central differences, over every parameter
    /// number and (when `checkInput`) every input number of `layer`.
    ///
    /// A central difference is only the derivative where the function is smooth across the step: when
    /// `kinks` (the sign pattern of every ReLU input) differs between θ + ε and θ − ε, the step crossed a
    /// kink and that number is counted as `skipped` instead of compared.
    static func worstGradientError(of layer: any Layer, input: Matrix, loss: MaskedLoss, checkInput: Bool, epsilon: Float = 1e-2,
                                   kinks: ((any Layer) -> [Bool])? = nil) -> (error: Float, checked: Int, skipped: Int, where: String) {
        var analytic = layer
        analytic.forward(input, mode: .training)
        let gradient = loss.gradient(analytic.output)
        analytic.backward(input: input, outputGradient: gradient, computeInputGradient: checkInput)
        func lossAt(_ candidate: any Layer, _ x: Matrix) -> (Double, [Bool]) {
            var copy = candidate
            copy.forward(x, mode: .training)
            return (loss.value(copy.output), kinks?(copy) ?? [])
        }
        var worst: Float = 0, checked = 0, skipped = 0, place = ""
        func compare(_ a: Float, _ plus: (Double, [Bool]), _ minus: (Double, [Bool]), _ label: String) {
            guard plus.1 == minus.1 else { skipped += 1; return }
            let numerical = (plus.0 - minus.0) / Double(2 * epsilon)
            let error = abs(a - Float(numerical)) / max(abs(a), abs(Float(numerical)), 1e-2)
            checked += 1
            if error > worst { worst = error; place = "\(label): analytic \(a), numerical \(numerical)" }
        }
        let parameters = layer.parameters
        for (position, parameter) in parameters.enumerated() {
            for element in 0..<parameter.count {
                func shifted(_ shift: Float) -> (Double, [Bool]) {
                    var candidate = layer
                    var all = candidate.parameters
                    all[position].values.storage[element] += shift
                    candidate.parameters = all
                    return lossAt(candidate, input)
                }
                compare(analytic.parameters[position].gradient.storage[element], shifted(epsilon), shifted(-epsilon), "\(parameter.name)[\(element)]")
            }
        }
        if checkInput {
            for element in 0..<input.count {
                func shifted(_ shift: Float) -> (Double, [Bool]) {
                    var moved = input
                    moved.storage[element] += shift
                    return lossAt(layer, moved)
                }
                compare(analytic.inputGradient.storage[element], shifted(epsilon), shifted(-epsilon), "input[\(element)]")
            }
        }
        return (worst, checked, skipped, place)
    }

    /// The fraction of examples whose every masked step is predicted (the highest score is the target).
    static func sequenceAccuracy(logits: Matrix, examples: SequenceExamples, vocabulary: Int) -> Double {
        let steps = examples.steps
        var solved = 0
        for n in 0..<examples.count {
            var right = true
            for t in 0..<steps where examples.mask[n, t] > 0 {
                let base = t * vocabulary
                var best = 0
                for v in 1..<vocabulary where logits[n, base + v] > logits[n, base + best] { best = v }
                if best != Int(examples.targets[n, t]) { right = false; break }
            }
            if right { solved += 1 }
        }
        return Double(solved) / Double(max(examples.count, 1))
    }
}
