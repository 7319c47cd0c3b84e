/// A two-input logic gate, whose truth table is the smallest dataset a neuron can learn.
public enum LogicGate: String, Sendable, CaseIterable {
    case and, or, nand, xor

    /// The gate's output (0 or 1) for inputs that are each 0 or 1.
    public func output(_ a: Int, _ b: Int) -> Int {
        switch self {
        case .and: a & b
        case .or: a | b
        case .nand: 1 - (a & b)
        case .xor: a ^ b
        }
    }
}

extension Dataset {
    /// The gate's four rows: inputs (0,0), (0,1), (1,0), (1,1) and the 0/1 output as a binary target.
    ///
    /// AND, OR and NAND are linearly separable, so one neuron learns them; XOR is not, which is why
    /// networks need a hidden layer.
    public static func truthTable(_ gate: LogicGate) -> Dataset {
        let inputs: [[Float]] = [[0, 0], [0, 1], [1, 0], [1, 1]]
        let labels = inputs.map { gate.output(Int($0[0]), Int($0[1])) }
        return Dataset.classification(
            name: gate == .xor ? "xor-table" : gate.rawValue,
            features: Matrix(inputs), labels: labels, classCount: 2,
            featureNames: ["a", "b"], classNames: ["false", "true"])
    }
}
