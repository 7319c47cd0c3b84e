/// Checks backpropagation against the definition of a derivative.
///
/// For each parameter θ the *numerical* gradient is the central difference
///
///     ∂L/∂θ ≈ (L(θ + ε) − L(θ − ε)) / 2ε
///
/// whose error shrinks like ε². Backpropagation's *analytic* gradient should agree with it to a small
/// relative error; a wrong sign or a missing factor shows up as a relative error near 1 or more.
/// Each evaluation starts from a copy of the network, so dropout draws the same mask every time.
public enum GradientCheck {
    /// One parameter's two gradients.
    public struct Comparison: Sendable, Hashable {
        /// The position of the layer in the network (PyTorch-style index).
        public var layer: Int
        /// The tensor's name in its layer: `weight` or `bias`.
        public var tensor: String
        /// The element's position in the tensor, row-major.
        public var element: Int
        public var analytic: Float
        public var numerical: Float

        /// |analytic − numerical| / max(|analytic|, |numerical|, floor): the floor keeps tiny gradients from
        /// turning rounding noise into large relative errors.
        public func relativeError(floor: Float = 1e-3) -> Float {
            abs(analytic - numerical) / max(abs(analytic), abs(numerical), floor)
        }
    }

    /// The numerical derivative of a function of one number.
    public static func numericalDerivative(of function: (Float) -> Float, at x: Float, epsilon: Float = 1e-3) -> Float {
        (function(x + epsilon) - function(x - epsilon)) / (2 * epsilon)
    }

    /// The mean loss of `network` on one batch, computed as training computes it.
    public static func loss(of network: Network, loss: Loss, input: Matrix, targets: Matrix, mode: Mode = .training) -> Float {
        var copy = network
        copy.forward(input, mode: mode)
        return loss.value(output: copy.output, targets: targets)
    }

    /// Backpropagation's gradient for every number of every trainable parameter tensor, beside the numerical one.
    ///
    /// With `fusedOutput` (the default) a cross-entropy loss takes the logits of its paired output activation,
    /// as the trainer does; without it the gradient flows through the output activation's own backward pass.
    public static func compare(network: Network, loss: Loss, input: Matrix, targets: Matrix,
                               epsilon: Float = 1e-3, fusedOutput: Bool = true) -> [Comparison] {
        var analyticNetwork = network
        analyticNetwork.forward(input, mode: .training)
        let last = analyticNetwork.layers.count - 1
        var gradient = Matrix(rows: input.rows, columns: analyticNetwork.outputSize)
        if fusedOutput, let paired = loss.pairedActivation, paired == analyticNetwork.outputActivation, last > 0 {
            _ = loss.evaluate(logits: analyticNetwork.layers[last - 1].output, targets: targets, gradient: &gradient)
            analyticNetwork.backward(input: input, outputGradient: gradient, fromLayer: last - 1)
        } else {
            _ = loss.evaluate(output: analyticNetwork.output, targets: targets, gradient: &gradient)
            analyticNetwork.backward(input: input, outputGradient: gradient, fromLayer: last)
        }

        var comparisons: [Comparison] = []
        for layerIndex in network.layers.indices {
            let analytic = analyticNetwork.layers[layerIndex].parameters
            for (position, parameter) in analytic.enumerated() where parameter.isTrainable {
                for element in 0..<parameter.count {
                    let numerical = centralDifference(network, loss, input, targets, epsilon,
                                                      layer: layerIndex, parameter: position, element: element)
                    comparisons.append(Comparison(layer: layerIndex, tensor: parameter.name, element: element,
                                                  analytic: parameter.gradient.storage[element], numerical: numerical))
                }
            }
        }
        return comparisons
    }

    /// (L(θ + ε) − L(θ − ε)) / 2ε for one number of one parameter tensor of one layer.
    private static func centralDifference(_ network: Network, _ loss: Loss, _ input: Matrix, _ targets: Matrix, _ epsilon: Float,
                                          layer: Int, parameter: Int, element: Int) -> Float {
        let tensor = network.layers[layer].parameters[parameter]
        func lossWith(_ shift: Float) -> Float {
            var values = tensor.values.elements
            values[element] += shift
            var shifted = network
            shifted.setParameter(tensor.name, ofLayer: layer, values: values)
            return Self.loss(of: shifted, loss: loss, input: input, targets: targets)
        }
        return (lossWith(epsilon) - lossWith(-epsilon)) / (2 * epsilon)
    }
}
