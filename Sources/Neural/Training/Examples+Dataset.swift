extension Examples {
    /// The features and targets of a dataset.
    public init(_ dataset: Dataset) {
        self.init(features: dataset.features, targets: dataset.targets)
    }
}

extension Loss {
    /// The loss that suits a problem: mean squared error for regression, binary cross-entropy for two
    /// classes, categorical cross-entropy for more.
    public static func recommended(for problem: Problem) -> Loss {
        switch problem {
        case .regression: .meanSquaredError
        case .binaryClassification: .binaryCrossEntropy
        case .multiclassClassification: .crossEntropy
        }
    }

    /// The output activation that suits a problem: identity, sigmoid or softmax.
    public static func outputActivation(for problem: Problem) -> Activation {
        recommended(for: problem).pairedActivation ?? .identity
    }
}
