/// Why two networks cannot be trained as a GAN's generator and discriminator.
public enum GANTrainerError: Error, Equatable, CustomStringConvertible {
    /// The generator must give points in the plane.
    case generatorOutput(size: Int)
    /// The discriminator must read points in the plane.
    case discriminatorInput(size: Int)
    /// The discriminator must give one raw score (a logit), with no activation after its last layer.
    case discriminatorOutput(size: Int, activation: Activation)
    case batchSize(Int)
    case discriminatorSteps(Int)
    case learningRate(Float)

    public var description: String {
        switch self {
        case .generatorOutput(let size):
            "The generator gives \(size) numbers per point, but a point in the plane has 2: end the generator with a layer of 2 outputs."
        case .discriminatorInput(let size):
            "The discriminator reads \(size) numbers per point, but a point in the plane has 2: start it with a layer of 2 inputs."
        case .discriminatorOutput(let size, let activation):
            "The discriminator must end with one raw score, but it gives \(size) numbers"
                + (activation == .identity ? "" : " through \(activation.name)") + ": end it with a layer of 1 output and no activation."
        case .batchSize(let size):
            "The batch size is \(size): use at least 1 point per batch."
        case .discriminatorSteps(let steps):
            "The discriminator takes \(steps) steps per generator step: use at least 1."
        case .learningRate(let rate):
            "The learning rate \(rate) is not a positive number: use one such as 0.001."
        }
    }
}
