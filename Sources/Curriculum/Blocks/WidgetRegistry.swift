/// Every widget a lesson may place, with the settings each accepts.
///
/// This one table is what `gradschool check` validates widget blocks against. To add a widget, add an
/// entry here (and draw it in the app); its settings are then checked everywhere.
public enum WidgetRegistry {
    /// One registered widget: its name, what it shows, and its settings.
    public struct Entry: Sendable {
        public var name: String
        public var summary: String
        public var settings: [WidgetSetting]

        /// The setting called `name`, if the widget has one.
        public func setting(named name: String) -> WidgetSetting? {
            settings.first { $0.name == name }
        }
    }

    private static let activations = ["step", "identity", "sigmoid", "tanh", "relu", "leakyRelu"]
    /// The hidden activations a trainable network may use: the step has no slope to learn through.
    private static let trainableActivations = ["identity", "sigmoid", "tanh", "relu", "leakyRelu"]
    private static let logicDatasets = ["and", "or", "nand", "xor"]
    private static let learningRate = WidgetSetting("learningRate", .number(0.0001...10), "step size of each update")
    private static let layers = WidgetSetting(
        "layers", .integers(count: 2...6, each: 1...64), "neurons per layer, inputs first, e.g. [2, 3, 1]")
    private static let caption = WidgetSetting("caption", .text, "a line shown under the widget")
    private static let weights = WidgetSetting(
        "weights", .numbers(count: 2...200, each: -10...10),
        "every weight and bias, layer by layer, each neuron's weights then its bias, e.g. [1, 1, -0.5, ...]")
    private static let input = WidgetSetting("input", .numbers(count: 1...64, each: -5...5), "the input the widget starts from, one number per input")

    /// The registered widgets, in the order lessons introduce them.
    public static let entries: [Entry] = [
        Entry(name: "perceptron", summary: "a perceptron learning a logic gate, its line moving as it learns", settings: [
            WidgetSetting("dataset", .choice(logicDatasets), "which gate's truth table to learn"),
            learningRate,
            WidgetSetting("showBoundary", .flag, "draw the line the perceptron separates with"),
            caption,
        ]),
        Entry(name: "neuron", summary: "one neuron with sliders for its inputs, weights and bias", settings: [
            WidgetSetting("inputs", .integer(1...4), "how many inputs the neuron has"),
            WidgetSetting("goal", .choice(["none"] + logicDatasets), "a logic gate the learner tries to make the neuron compute"),
            WidgetSetting("activation", .choice(activations), "the activation applied to the weighted sum"),
            caption,
        ]),
        Entry(name: "forward", summary: "values flowing forward through a small network", settings: [
            layers,
            WidgetSetting("activation", .choice(activations), "the hidden layers' activation"),
            WidgetSetting("outputActivation", .choice(activations), "the output layer's activation (sigmoid unless given)"),
            weights,
            input,
            caption,
        ]),
        Entry(name: "activation", summary: "activation functions plotted side by side", settings: [
            WidgetSetting("functions", .choices(activations + ["softmax"]), "which functions to plot, in order"),
            WidgetSetting("showDerivative", .flag, "plot each function's slope as well"),
            caption,
        ]),
        Entry(name: "backprop", summary: "gradients flowing backward through a small network", settings: [
            WidgetSetting("layers", .integers(count: 2...4, each: 1...3), "neurons per layer, inputs first, e.g. [2, 2, 1]"),
            WidgetSetting("activation", .choice(trainableActivations), "the hidden layers' activation"),
            WidgetSetting("loss", .choice(["mse", "crossEntropy"]), "how wrong the output is: squared error or cross-entropy"),
            weights,
            input,
            WidgetSetting("target", .numbers(count: 1...3, each: 0...1), "the right answer y, one number per output"),
            caption,
        ]),
        Entry(name: "graph", summary: "backpropagation on an expression graph of single numbers, node by node", settings: [
            WidgetSetting("x", .number(-5...5), "the value of x in L = (x·y + x)² (2 unless given)"),
            WidgetSetting("y", .number(-5...5), "the value of y (−3 unless given)"),
            caption,
        ]),
        Entry(name: "descent", summary: "gradient descent rolling down a loss surface", settings: [
            WidgetSetting("surface", .choice(["bowl", "ravine", "saddle"]), "the shape of the loss surface"),
            learningRate,
            WidgetSetting("momentum", .number(0...0.999), "how much of the last step carries over"),
            WidgetSetting("optimizers", .choices(["sgd", "momentum", "rmsprop", "adam"]), "the rules that race from the same start"),
            WidgetSetting("startX", .number(-2.8...2.8), "where the walk starts across (the surface's own start if left out)"),
            WidgetSetting("startY", .number(-2.8...2.8), "where the walk starts up"),
            caption,
        ]),
        Entry(name: "train", summary: "a network training live on a dataset, with its loss curve", settings: [
            WidgetSetting("dataset", .choice(["xor", "circles", "spirals", "moons", "gaussian", "digits", "iris"]), "what to learn"),
            layers,
            WidgetSetting("activation", .choice(trainableActivations), "the hidden layers' activation"),
            WidgetSetting("optimizer", .choice(["sgd", "momentum", "rmsprop", "adam"]), "how weights are updated"),
            learningRate,
            WidgetSetting("batchSize", .integer(1...1024), "examples per step"),
            WidgetSetting("epochs", .integer(1...10_000), "passes over the data before it stops"),
            WidgetSetting("holdOut", .number(0...0.5), "the share of the points kept out of training and measured apart (0.25 unless given)"),
            WidgetSetting("compareActivation", .choice(trainableActivations),
                          "train a second, identical network with this hidden activation beside the first"),
            WidgetSetting("compareBatchSize", .integer(1...1024),
                          "train a second, identical network with this batch size beside the first"),
            caption,
        ]),
        Entry(name: "deploy", summary: "an iris classifier served in-process: requests, latency percentiles and input drift", settings: [caption]),
    ]

    /// The widget registered as `name`, if any.
    public static func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }
}
