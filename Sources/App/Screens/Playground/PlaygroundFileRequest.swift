import Neural

/// File work the playground asks the runner for (`Effect.playground`); the answer comes back as
/// `Message.playground(PlaygroundFileResult)`.
public enum PlaygroundFileRequest: Equatable, Sendable {
    /// Write the configuration as YAML and the model as safetensors; unless `replacing`, existing files are
    /// left alone and the answer says they exist.
    case save(PlaygroundSave, replacing: Bool)
    /// Read a configuration (and the CSV file it names), or a model saved as safetensors.
    case open(path: String)
}

/// What `w` writes: the run's configuration and its model, side by side.
public struct PlaygroundSave: Equatable, Sendable {
    public var configurationPath: String
    public var modelPath: String
    /// The configuration as YAML text.
    public var configuration: String
    var network: NetworkValue
    public var loss: Loss
    public var scaler: Scaler?
    public var featureNames: [String]
    public var classNames: [String]

    /// The model as `gradschool train --save` writes it.
    public var model: SavedModel {
        SavedModel(network: network.network, loss: loss, scaler: scaler, featureNames: featureNames, classNames: classNames)
    }
}

/// What came of a file request.
public enum PlaygroundFileResult: Equatable, Sendable {
    case saved(configurationPath: String, modelPath: String)
    /// Nothing was written: these files exist; the save waits for the learner to say to replace them.
    case exists([String], PlaygroundSave)
    /// A configuration was read; `file` is the CSV it names, loaded.
    case opened(path: String, configuration: PlaygroundConfiguration, file: Dataset?)
    /// A model was read: its network, to go on training from, and the loss it was trained with.
    case openedModel(path: String, network: NetworkValue, loss: Loss?)
    /// A configuration with `mode: images` was read: it opens the image playground.
    case openedImages(path: String, configuration: ImagePlaygroundConfiguration)
    /// A configuration with `mode: sequences` was read: it opens the sequence mode.
    case openedSequences(path: String, configuration: SequencePlaygroundConfiguration)
    /// Saving or opening failed; the sentence says why and what to do.
    case failed(String)
}
