import Foundation
import Neural

/// The network a run trains and the loss it lowers, chosen to fit the data's problem.
///
/// With `auto`, a problem picks its usual pair: one sigmoid output and binary cross-entropy for two
/// classes, softmax and cross-entropy for more, an identity output and mean squared error for numbers.
/// Explicit choices are checked against the problem, so a pair that cannot learn (softmax over a single
/// output is always 1) is refused with a sentence instead of training to nonsense.
struct ModelSetup {
    var network: Network
    var loss: Loss

    /// The most learnable numbers a new network may have: 50 million floats take 200 MB, and training
    /// keeps gradients and optimizer state beside them.
    static let largestParameterCount = 50_000_000

    /// The output activation that suits `problem`.
    static func automaticOutput(for problem: Problem) -> Activation {
        switch problem {
        case .regression: .identity
        case .binaryClassification: .sigmoid
        case .multiclassClassification: .softmax
        }
    }

    /// The loss that suits an output activation on `problem`: the cross-entropy paired with a sigmoid or
    /// softmax output on class labels, else mean squared error.
    static func automaticLoss(output: Activation, problem: Problem) -> Loss {
        switch (output, problem) {
        case (.sigmoid, .binaryClassification), (.sigmoid, .multiclassClassification): .binaryCrossEntropy
        case (.softmax, .multiclassClassification): .crossEntropy
        default: .meanSquaredError
        }
    }

    /// Why `output` cannot serve `problem`, or `nil` when it can.
    static func outputProblem(_ output: Activation, problem: Problem) -> String? {
        guard output == .softmax else { return nil }
        switch problem {
        case .multiclassClassification: return nil
        case .regression:
            return "a softmax output turns scores into class probabilities, but the data asks for numbers (regression): use --output identity"
        case .binaryClassification:
            return "softmax over the single output of a two-class problem is always 1: use --output sigmoid"
        }
    }

    /// Why `loss` cannot train an `output` activation on `problem`, or `nil` when it can.
    static func lossProblem(_ loss: Loss, output: Activation, problem: Problem) -> String? {
        switch loss {
        case .meanSquaredError:
            return nil
        case .binaryCrossEntropy:
            if !problem.isClassification {
                return "binary cross-entropy (bce) compares probabilities with 0/1 labels, but the data asks for numbers (regression): use --loss mse"
            }
            if output != .sigmoid {
                return "binary cross-entropy (bce) needs probabilities from a sigmoid output, but the output is \(output.name): use --output sigmoid or another --loss"
            }
            return nil
        case .crossEntropy:
            if case .multiclassClassification = problem {
                return output == .softmax ? nil
                    : "cross-entropy (ce) needs probabilities from a softmax output, but the output is \(output.name): use --output softmax or another --loss"
            }
            return problem == .regression
                ? "cross-entropy (ce) compares class probabilities with labels, but the data asks for numbers (regression): use --loss mse"
                : "cross-entropy (ce) needs three or more classes, and the data has two: use --loss bce with a sigmoid output"
        }
    }

    /// A new network for `data` as the plan describes it.
    static func fresh(hiddenSizes: [Int], activation: Activation, output: Activation?, dropout: Float,
                      plan: TrainPlan, problem: Problem, featureCount: Int, targetColumns: Int) throws(TrainError) -> ModelSetup {
        let outputActivation = output ?? automaticOutput(for: problem)
        if let problem = outputProblem(outputActivation, problem: problem) { throw .usage(problem) }
        let loss = plan.loss ?? automaticLoss(output: outputActivation, problem: problem)
        if let problem = lossProblem(loss, output: outputActivation, problem: problem) { throw .usage(problem) }
        let sizes = [featureCount] + hiddenSizes + [targetColumns]
        // Each dense layer has (inputs + 1) × outputs numbers; the optimizer keeps up to two more per number.
        let parameterCount = zip(sizes, sizes.dropFirst()).reduce(0.0) { $0 + Double($1.0 + 1) * Double($1.1) }
        guard parameterCount <= Double(largestParameterCount) else {
            throw .usage("--layers \(hiddenSizes.map(String.init).joined(separator: ",")) on \(featureCount) features would make "
                         + "\(Int(parameterCount)) parameters, more than \(largestParameterCount): choose smaller hidden layers")
        }
        let network = Network(sizes: sizes, activation: activation,
                              outputActivation: outputActivation, dropout: dropout, seed: plan.seed)
        return ModelSetup(network: network, loss: loss)
    }

    /// A new network from an architecture description: a first convolution or pooling reads each example as
    /// a 1×N×N image, and the output activation is added after the last layer, unless the description
    /// already ends with a softmax or sigmoid (as the playground's image mode writes it), which is then the output.
    static func described(_ description: ArchitectureDescription, output: Activation?, plan: TrainPlan, problem: Problem,
                          featureCount: Int, targetColumns: Int) throws(TrainError) -> ModelSetup {
        var ending: Activation?
        if case .activation(let last)? = description.layers.last, last == .softmax || last == .sigmoid { ending = last }
        if let ending, let output, output != ending {
            throw .usage("--model ends with \(ending.name), but --output says \(output.name): keep one of them")
        }
        let outputActivation = ending ?? output ?? automaticOutput(for: problem)
        if let problem = outputProblem(outputActivation, problem: problem) { throw .usage(problem) }
        let loss = plan.loss ?? automaticLoss(output: outputActivation, problem: problem)
        if let problem = lossProblem(loss, output: outputActivation, problem: problem) { throw .usage(problem) }
        var inputShape: TensorShape = [featureCount]
        if description.startsWithImages {
            let side = Int(Double(featureCount).squareRoot().rounded())
            guard side * side == featureCount else {
                throw .usage("--model begins with \(description.text.split(separator: " ").first ?? "") layer, which reads images, but the data "
                             + "has \(featureCount) features, not a square picture: begin with unflatten CxHxW")
            }
            inputShape = [1, side, side]
        }
        var layers = description.layers
        if ending == nil && outputActivation != .identity { layers.append(.activation(outputActivation)) }
        let network: Network
        do {
            network = try ArchitectureDescription(layers: layers).network(inputShape: inputShape, seed: plan.seed)
        } catch {
            throw .usage("--model: " + error.description)
        }
        guard network.outputSize == targetColumns else {
            throw .usage("--model ends with \(network.outputSize) output\(network.outputSize == 1 ? "" : "s"), but the data needs "
                         + "\(targetColumns) (\(problem)): end with dense \(targetColumns)")
        }
        guard network.parameterCount <= largestParameterCount else {
            throw .usage("--model makes \(network.parameterCount) parameters, more than \(largestParameterCount): choose smaller layers")
        }
        return ModelSetup(network: network, loss: loss)
    }

    /// A saved model continued on data with `featureCount` features and `targetColumns` target columns:
    /// the sizes must agree. The loss is the plan's, else the file's, else the automatic one.
    static func continued(_ model: SavedModel, fileName: String, plan: TrainPlan, dataName: String, problem: Problem,
                          featureCount: Int, targetColumns: Int) throws(TrainError) -> ModelSetup {
        let network = model.network
        guard network.inputSize == featureCount else {
            throw .badInput("\(fileName) takes \(network.inputSize) input\(network.inputSize == 1 ? "" : "s") but \(dataName) has "
                            + "\(featureCount) feature\(featureCount == 1 ? "" : "s"): continue the model on data with the same columns")
        }
        guard network.outputSize == targetColumns else {
            throw .badInput("\(fileName) gives \(network.outputSize) output\(network.outputSize == 1 ? "" : "s") but \(dataName) "
                            + "needs \(targetColumns) (\(problem)): continue the model on data with the same targets")
        }
        let output = network.outputActivation
        if let problem = outputProblem(output, problem: problem) { throw .badInput("\(fileName): \(problem)") }
        let loss = plan.loss ?? model.loss ?? automaticLoss(output: output, problem: problem)
        if let reason = lossProblem(loss, output: output, problem: problem) {
            throw plan.loss == nil ? .badInput("\(fileName): \(reason)") : .usage(reason)
        }
        return ModelSetup(network: network, loss: loss)
    }
}
