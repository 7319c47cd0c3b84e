import Neural

/// One training example through a network and back, as the engine computes it: every pre-activation,
/// activation and gradient the `backprop` widget writes out.
///
/// Layers are numbered from 1 (the first layer of weights) to `layerCount` (the output); a⁽⁰⁾ is the input.
/// The loss gradient flows through the output activation's own backward pass (not fused with the loss),
/// so each step of the chain rule shows.
struct BackpropPass: Sendable {
    let layerCount: Int
    /// z⁽ˡ⁾ and a⁽ˡ⁾ for l = 1…layerCount, at index l − 1.
    let preActivations: [[Float]]
    let activations: [[Float]]
    let input: [Float]
    let target: [Float]
    let loss: Float
    /// ∂L/∂a⁽ˡ⁾ for l = 1…layerCount, at index l − 1.
    let activationGradients: [[Float]]
    /// ∂L/∂z⁽ˡ⁾, at index l − 1.
    let preActivationGradients: [[Float]]
    /// ∂L/∂W⁽ˡ⁾ as `[out, in]` and ∂L/∂b⁽ˡ⁾, at index l − 1.
    let weightGradients: [Matrix]
    let biasGradients: [[Float]]
    /// W⁽ˡ⁾ and b⁽ˡ⁾, at index l − 1.
    let weights: [Matrix]
    let biases: [[Float]]

    init(network: Network, loss lossKind: Loss, input: [Float], target: [Float]) {
        var network = network
        let inputMatrix = Matrix([input]), targets = Matrix([target])
        network.forward(inputMatrix, mode: .training)
        var outputGradient = Matrix(rows: 1, columns: network.outputSize)
        loss = lossKind.evaluate(output: network.output, targets: targets, gradient: &outputGradient)
        network.backward(input: inputMatrix, outputGradient: outputGradient, fromLayer: network.layers.count - 1)

        let denseIndices = network.parameterLayerIndices
        layerCount = denseIndices.count
        self.input = input
        self.target = target
        var z: [[Float]] = [], a: [[Float]] = [], da: [[Float]] = [], dz: [[Float]] = []
        var dW: [Matrix] = [], db: [[Float]] = [], W: [Matrix] = [], b: [[Float]] = []
        for (position, index) in denseIndices.enumerated() {
            let dense = network.layers[index]
            let hasActivation = index + 1 < network.layers.count && network.layers[index + 1] is ActivationLayer
            let activationIndex = hasActivation ? index + 1 : index
            z.append(dense.output.row(0))
            a.append(network.layers[activationIndex].output.row(0))
            // ∂L/∂z: what flowed into the dense layer's output, i.e. the activation layer's input gradient.
            dz.append(hasActivation ? network.layers[activationIndex].inputGradient.row(0) : Self.gradient(into: activationIndex, of: network, outputGradient: outputGradient))
            // ∂L/∂a: the next dense layer's input gradient, or the loss gradient for the output layer.
            if position == denseIndices.count - 1 {
                da.append(outputGradient.row(0))
            } else {
                da.append(network.layers[denseIndices[position + 1]].inputGradient.row(0))
            }
            dW.append(dense.weightGradient)
            db.append(dense.biasGradient)
            W.append(dense.weights)
            b.append(dense.bias)
        }
        preActivations = z
        activations = a
        activationGradients = da
        preActivationGradients = dz
        weightGradients = dW
        biasGradients = db
        weights = W
        biases = b
    }

    /// ∂L/∂(output of layer `index`) when no activation follows it: the next layer's input gradient, or
    /// the loss gradient at the network's end.
    private static func gradient(into index: Int, of network: Network, outputGradient: Matrix) -> [Float] {
        index + 1 < network.layers.count ? network.layers[index + 1].inputGradient.row(0) : outputGradient.row(0)
    }

    /// a⁽ˡ⁾ for l = 0 (the input) … layerCount.
    func activation(layer: Int) -> [Float] { layer == 0 ? input : activations[layer - 1] }
}
