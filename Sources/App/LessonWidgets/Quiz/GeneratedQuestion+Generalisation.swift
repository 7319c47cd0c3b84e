import Foundation
import Neural

// Templates for the lessons on losses, generalisation and regularisation. As above, every answer comes
// from the engine (a loss, an optimizer step, a dropout layer) or, for early stopping, from the rule the
// trainer applies, written out in the explanation.

extension GeneratedQuestion {
    static func huberLoss(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let output = draw.main(-3...3, step: 0.5)
        let target = draw.value(-2...2, step: 0.5, excluding: [output])
        let delta = draw.pick([Float(0.5), 1, 2])
        var gradient: Float = 0
        let a = [output], y = [target]
        let loss = HuberLoss.evaluate(a, y, &gradient, count: 1, delta: delta)
        let error = output - target, size = abs(error)
        let working = size <= delta
            ? "|e| = \(show(size)) is within δ = \(show(delta)), so the loss is ½·e² = ½·\(term(error))² = \(show(loss, decimals: 3))."
            : "|e| = \(show(size)) is beyond δ = \(show(delta)), so the loss is δ·(|e| − ½·δ) = \(show(delta))·(\(show(size)) − \(show(delta / 2))) = \(show(loss, decimals: 3)). Squared error would say \(show(error * error, decimals: 4)): beyond δ the Huber loss grows only in proportion to the error."
        return GeneratedQuestion(
            question: "A regression network answers a = \(show(output)) where the target is y = \(show(target)). What is its Huber loss with δ = \(show(delta))?",
            answer: Double(loss), tolerance: max(0.005, Double(loss) * 0.01),
            explanation: "The error is e = a − y = \(show(output)) − \(term(target)) = \(show(error)). " + working)
    }

    static func crossEntropyAdvantage(_ draw: inout NumberDraw) -> GeneratedQuestion {
        // A confident mistake: the target is 1 and the output small, or the target 0 and the output large.
        let target: Float = draw.pick([0, 1])
        let output = target == 1 ? draw.value(0.01...0.45, step: 0.01) : draw.value(0.55...0.99, step: 0.01)
        let z = Foundation.log(output / (1 - output))
        let logits = Matrix([[z]]), targets = Matrix([[target]])
        var crossEntropyGradient = Matrix(rows: 1, columns: 1), squaredGradient = Matrix(rows: 1, columns: 1)
        _ = Loss.binaryCrossEntropy.evaluate(logits: logits, targets: targets, gradient: &crossEntropyGradient)
        let probability = Activation.sigmoid.value(at: z)
        _ = Loss.meanSquaredError.evaluate(output: Matrix([[probability]]), targets: targets, gradient: &squaredGradient)
        let squaredAtLogit = squaredGradient[0, 0] * Activation.sigmoid.derivative(at: z)
        let ratio = crossEntropyGradient[0, 0] / squaredAtLogit
        return GeneratedQuestion(
            question: "A sigmoid output says a = \(show(output)) for an example whose target is y = \(show(target)). At its pre-activation z, squared error L = (a − y)² has the gradient ∂L/∂z = 2(a − y)·a(1 − a) and binary cross-entropy has ∂L/∂z = a − y. How many times larger is the cross-entropy gradient? (One decimal is enough.)",
            answer: Double(ratio), tolerance: max(0.05, Double(ratio) * 0.01),
            explanation: "Cross-entropy: a − y = \(show(output - target)). Squared error: 2·\(term(output - target))·\(show(output))·\(show(1 - output)) = \(show(squaredAtLogit, decimals: 4)). The ratio is 1 / (2·a·(1 − a)) = \(show(ratio, decimals: 2)): the sigmoid's slope a(1 − a) is small exactly when the output is confidently wrong, and squared error multiplies by it while cross-entropy does not.")
    }

    /// The epoch whose weights early stopping keeps, by the trainer's rule: remember the best validation
    /// loss so far; stop once `patience` epochs have passed without beating it, and go back to it.
    static func keptEpoch(_ losses: [Float], patience: Int) -> (kept: Int, stopped: Int) {
        var best = Float.infinity, bestEpoch = 0
        for (index, loss) in losses.enumerated() {
            let epoch = index + 1
            if loss < best {
                best = loss
                bestEpoch = epoch
            } else if epoch - bestEpoch >= patience {
                return (bestEpoch, epoch)
            }
        }
        return (bestEpoch, losses.count)
    }

    static func earlyStoppingEpoch(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let patience = draw.pick([2, 3])
        let count = 10
        let lowest = draw.pick(Array(3...6))
        var losses: [Float] = []
        var loss = draw.value(0.8...1.2, step: 0.05)
        for epoch in 1...count {
            if epoch > 1 {
                // Falling to the lowest epoch, rising after it, with a small dip now and then on the way up.
                let change = epoch <= lowest ? -draw.value(0.05...0.2, step: 0.05) : draw.value(-0.04...0.12, step: 0.02)
                loss = max(0.05, loss + change)
            }
            losses.append((loss * 100).rounded() / 100)
        }
        let (kept, stopped) = keptEpoch(losses, patience: patience)
        let list = losses.map { show($0) }.joined(separator: ", ")
        return GeneratedQuestion(
            question: "The validation loss after epochs 1 to \(count) reads \(list). Early stopping has a patience of \(patience) epochs. The weights of which epoch does training end with?",
            answer: Double(kept), tolerance: 0.1,
            explanation: "Early stopping remembers the lowest validation loss so far and stops once \(patience) epochs pass without a lower one. The lowest by then is \(show(losses[kept - 1])) at epoch \(kept); epoch \(stopped) is the \(patience == 2 ? "second" : "third") after it without a lower loss, so training stops there and goes back to the weights of epoch \(kept). A loss that only equals the best does not count as better.")
    }

    static func l2Step(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let weight = draw.main(-2...2, step: 0.5)
        let gradient = draw.value(-1...1, step: 0.1)
        let learningRate = draw.learningRate([0.1, 0.5])
        let lambda = draw.pick([Float(0.01), 0.1, 0.5])
        var optimizer = Optimizer(.sgd, learningRate: learningRate, l2: lambda)
        let stepped = oneStep(of: &optimizer, weight: weight, gradient: gradient, penalised: true)
        return GeneratedQuestion(
            question: "A weight w = \(show(weight)) has loss gradient ∂L/∂w = \(show(gradient)). Training uses an L2 penalty with λ = \(show(lambda)) and learning rate η = \(show(learningRate)). What is w after one step?",
            answer: Double(stepped), tolerance: 0.001,
            explanation: "The penalty adds λ·w to the gradient: w ← w − η·(∂L/∂w + λ·w) = \(show(weight)) − \(show(learningRate))·(\(show(gradient)) + \(show(lambda))·\(term(weight))) = \(show(stepped, decimals: 3)). Without the penalty it would be \(show(weight - learningRate * gradient, decimals: 3)): the penalty pulls every weight a little towards 0, \(show(learningRate * lambda, decimals: 3)) of its size each step.")
    }

    static func dropoutValue(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let probability = draw.pick([Float(0.1), 0.2, 0.25, 0.5, 0.75, 0.8])
        let value = draw.value(0.2...3, step: 0.1)
        // Run the engine's dropout layer until it keeps the neuron, and read what it passes on.
        var layer = Dropout(probability: probability, size: 1, seed: draw.random.next())
        var kept: Float = 0
        for _ in 0..<256 where kept == 0 {
            layer.forward(Matrix([[value]]), mode: .training)
            kept = layer.output[0, 0]
        }
        return GeneratedQuestion(
            question: "A hidden neuron outputs \(show(value)) and is followed by dropout with p = \(show(probability)), as this engine and PyTorch do it (inverted dropout). During training the neuron is kept this time. What value does dropout pass on?",
            answer: Double(kept), tolerance: max(0.005, Double(kept) * 0.005),
            explanation: "Inverted dropout scales every kept value by 1/(1 − p) = 1/\(show(1 - probability)), so that its expected size, (1 − p)·\(show(value))/(1 − p) = \(show(value)), is the same as at evaluation, where nothing is dropped or scaled: \(show(value))/\(show(1 - probability)) = \(show(kept, decimals: 3)).")
    }

    static func parameterCount(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let inputs = draw.pick(Array(2...10)), outputs = draw.pick([1, 2, 3, 10])
        let hidden = (0..<draw.pick([1, 2])).map { _ in draw.pick([3, 4, 5, 8, 10, 16, 32]) }
        let sizes = [inputs] + hidden + [outputs]
        let count = Network(sizes: sizes, activation: .relu, outputActivation: .identity, seed: 1).parameterCount
        let layers = zip(sizes, sizes.dropFirst()).map { "\($0)·\($1) + \($1)" }.joined(separator: " + ")
        let shape = sizes.map(String.init).joined(separator: "-")
        return GeneratedQuestion(
            question: "A fully connected network has layers of \(shape) neurons (inputs first). How many parameters, weights and biases, does training learn?",
            answer: Double(count), tolerance: 0.1,
            explanation: "Each layer has one weight per input for each of its neurons, plus one bias per neuron: \(layers) = \(count). The inputs themselves learn nothing; the layer sizes are hyper-parameters, chosen before training.")
    }
}
