/// Why a model file could not be read, or a model could not be saved. Every message names the file and
/// says what to do next.
public enum ModelFileError: Error, Equatable, CustomStringConvertible {
    /// The safetensors container itself is broken or unreadable: cut short, a header that is not JSON, a
    /// dtype other than float32, …
    case container(SafetensorsError)
    /// The header's `__metadata__` lacks a key the architecture needs.
    case missingMetadata(file: String, key: String)
    /// A metadata value cannot be read as what its key calls for.
    case invalidMetadata(file: String, key: String, value: String, expected: String)
    /// The file says it was written in a newer or unknown model format.
    case unsupportedFormat(file: String, format: String)
    /// The sizes, activations and dropout do not describe a network that can be built.
    case invalidArchitecture(file: String, problem: String)
    /// A dense layer's weight or bias is not in the file.
    case missingTensor(file: String, name: String, shape: [Int])
    /// The file holds a tensor that no layer of the architecture uses.
    case unexpectedTensor(file: String, name: String, expected: [String])
    /// A tensor's shape does not fit its layer, so the layers would not chain.
    case wrongShape(file: String, name: String, shape: [Int], expected: [Int], layer: Int, inputs: Int, outputs: Int)
    /// A tensor's shape is not the one its layer has.
    case tensorShape(file: String, name: String, shape: [Int], expected: [Int], layer: String)
    /// A tensor holds NaN or infinity, as the weights of a run that diverged do.
    case notFinite(file: String, name: String)
    /// The stored feature scaler does not have one column per network input.
    case scalerMismatch(file: String, scalerColumns: Int, inputs: Int)
    /// The network is not a stack of dense layers with activations and dropout of the kind a model file
    /// can describe.
    case unsupportedStack(file: String, layers: String)

    /// Whether the file could not be opened at all (missing or unreadable), rather than read and found wrong.
    public var isUnreadableFile: Bool {
        if case .container(.unreadable) = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .container(let error):
            return error.description
        case .missingMetadata(let file, let key):
            return "\(file): the header's __metadata__ has no \"\(key)\", so the network cannot be rebuilt from the file: "
                + "save it with `gradschool train --save`, or add sizes, activations and output_activation to the metadata"
        case .invalidMetadata(let file, let key, let value, let expected):
            return "\(file): __metadata__ \"\(key)\" is \"\(Self.shortened(value))\", but it must be \(expected): fix the value or save the model again"
        case .unsupportedFormat(let file, let format):
            return "\(file): the model format is \"\(Self.shortened(format))\", which this version of gradschool does not know: "
                + "update gradschool or save the model again with this version"
        case .invalidArchitecture(let file, let problem):
            return "\(file): the architecture in __metadata__ cannot be built: \(problem): fix the metadata or save the model again"
        case .missingTensor(let file, let name, let shape):
            return "\(file): there is no tensor \"\(name)\" (shape \(shape)) for the architecture in __metadata__: "
                + "the file holds the weights of a different network; save it again from the same stack of layers"
        case .unexpectedTensor(let file, let name, let expected):
            return "\(file): tensor \"\(name)\" belongs to no layer of the architecture in __metadata__, which uses "
                + "\(expected.joined(separator: ", ")): the file holds the weights of a different network"
        case .wrongShape(let file, let name, let shape, let expected, let layer, let inputs, let outputs):
            return "\(file): tensor \"\(name)\" has shape \(shape), but dense layer \(layer + 1) maps \(inputs) inputs to "
                + "\(outputs) outputs and needs \(expected): the shapes do not chain with the sizes in __metadata__"
        case .tensorShape(let file, let name, let shape, let expected, let layer):
            return "\(file): tensor \"\(name)\" has shape \(shape), but its layer \(layer) needs \(expected): "
                + "the file holds the weights of a different network; save it again from the same stack of layers"
        case .notFinite(let file, let name):
            return "\(file): tensor \"\(name)\" holds NaN or infinite values, as a run that diverged leaves behind: "
                + "train again with a lower learning rate"
        case .scalerMismatch(let file, let scalerColumns, let inputs):
            return "\(file): the feature scaler has \(scalerColumns) columns but the network takes \(inputs) inputs: "
                + "save the model again with the scaler fitted on its own training data"
        case .unsupportedStack(let file, let layers):
            return "\(file): the network (\(layers)) is not a stack of dense layers, each followed by its activation "
                + "and the same dropout, so a model file cannot describe it: build it with Network(sizes:…)"
        }
    }

    private static func shortened(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(60)) + "…"
    }
}
