import App
import Neural

/// A setting of a playground configuration that `gradschool tune` may search, named as configuration
/// files name it, with the values it accepts.
enum TunableSetting: String, CaseIterable {
    case learningRate, regularizationRate, dropout, neurons, layers, batchSize, epochs

    static var names: [String] { allCases.map(\.rawValue) }

    /// What the setting changes, for the help text.
    var meaning: String {
        switch self {
        case .learningRate: "the step size"
        case .regularizationRate: "the L2 penalty on the weights, or the L1 one when the configuration uses L1"
        case .dropout: "the dropout probability"
        case .neurons: "the width of every hidden layer"
        case .layers: "the number of hidden layers"
        case .batchSize: "the examples per step"
        case .epochs: "the passes over the training set"
        }
    }

    var isInteger: Bool {
        switch self {
        case .learningRate, .regularizationRate, .dropout: false
        case .neurons, .layers, .batchSize, .epochs: true
        }
    }

    /// The values a trial may take.
    var allowed: ClosedRange<Double> {
        switch self {
        case .learningRate: 1e-7...100
        case .regularizationRate: 0...100
        case .dropout: 0...0.9
        case .neurons: 1...1024
        case .layers: 0...8
        case .batchSize: 1...100_000
        case .epochs: 1...100_000
        }
    }

    var allowedText: String {
        switch self {
        case .learningRate: "between 0.0000001 and 100"
        case .regularizationRate: "between 0 and 100"
        case .dropout: "between 0 and 0.9"
        case .neurons: "whole numbers from 1 to 1024"
        case .layers: "whole numbers from 0 to 8"
        case .batchSize: "whole numbers from 1 to 100000"
        case .epochs: "whole numbers from 1 to 100000"
        }
    }

    /// `configuration` with this setting at `value`.
    func apply(_ value: Double, to configuration: inout PlaygroundConfiguration) {
        switch self {
        case .learningRate: configuration.learningRate = Float(value)
        case .regularizationRate:
            if configuration.regularization == .none { configuration.regularization = .l2 }
            configuration.regularizationRate = Float(value)
        case .dropout: configuration.dropout = Float(value)
        case .neurons:
            let width = Int(value)
            if configuration.hiddenLayers.isEmpty {
                configuration.hiddenLayers = [.init(neurons: width, activation: .tanh)]
            } else {
                for index in configuration.hiddenLayers.indices { configuration.hiddenLayers[index].neurons = width }
            }
        case .layers:
            let first = configuration.hiddenLayers.first ?? .init(neurons: 8, activation: .tanh)
            configuration.hiddenLayers = Array(repeating: first, count: Int(value))
        case .batchSize: configuration.batchSize = Int(value)
        case .epochs: configuration.epochs = Int(value)
        }
    }

    /// The value a trial really trained with: a rate is stored as a `Float`, as the file will write it.
    func effectiveValue(_ value: Double) -> Double {
        isInteger ? value : Double(Float(value))
    }
}
