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
        Entry(name: "losses", summary: "one set of points fitted under squared, absolute and Huber loss at once, outliers on or off", settings: [
            WidgetSetting("data", .choice(["line", "sine"]), "the points: near y = 0.5·x, or near y = sin x"),
            WidgetSetting("outliers", .flag, "start with three outliers far below the rest (true unless given)"),
            WidgetSetting("losses", .choices(["mse", "mae", "huber"]), "the losses to fit under, each its own network"),
            caption,
        ]),
        Entry(name: "classloss", summary: "squared error and cross-entropy on one sigmoid output whose z the learner moves", settings: [
            WidgetSetting("z", .number(-8...8), "the output neuron's pre-activation to start from (−4 unless given)"),
            WidgetSetting("target", .integer(0...1), "the right answer, 0 or 1 (1 unless given)"),
            caption,
        ]),
        Entry(name: "fit", summary: "a network fitting noisy points near sin x, training and validation loss drawn live", settings: [
            WidgetSetting("width", .integer(1...64), "hidden neurons (64 unless given)"),
            WidgetSetting("points", .integer(4...200), "training points (12 unless given); 40 more are held out for validation"),
            WidgetSetting("noise", .number(0...1), "the spread of the points around the curve (0.25 unless given)"),
            WidgetSetting("epochs", .integer(10...5000), "epochs before the run stops (2000 unless given)"),
            WidgetSetting("l2", .number(0...1), "the L2 penalty λ"),
            WidgetSetting("l1", .number(0...1), "the L1 penalty λ"),
            WidgetSetting("dropout", .number(0...0.9), "the probability of dropping each hidden neuron in a training step"),
            WidgetSetting("patience", .integer(1...1000), "early stopping: epochs without a better validation loss before it stops"),
            WidgetSetting("controls", .choices(["width", "l2", "l1", "dropout", "stopping"]), "what the learner may change (width unless given)"),
            WidgetSetting("showWeights", .flag, "draw the weights as a histogram under the charts"),
            caption,
        ]),
        Entry(name: "augment", summary: "a handwritten digit and copies of it shifted, turned and noised, each still the same digit", settings: [
            caption,
        ]),
        Entry(name: "threshold", summary: "a threshold slid along a classifier's scores: confusion matrix, precision, recall, F1 and the ROC curve", settings: [
            WidgetSetting("threshold", .number(0...1), "the score from which an example is called positive (0.5 unless given)"),
            WidgetSetting("positives", .number(0.02...0.5), "the share of positive examples, from balanced (0.5) to rare (0.02)"),
            caption,
        ]),
        Entry(name: "confusion", summary: "a network learning the digits live, with the confusion matrix of held-out digits and its most-confused pairs drawn", settings: [
            WidgetSetting("epochs", .integer(1...200), "passes over the training digits before it stops (30 unless given)"),
            caption,
        ]),
        Entry(name: "scaling", summary: "the same gradient descent on raw and on standardised features: the contours and the path", settings: [
            WidgetSetting("rawLearningRate", .number(0.00001...1), "the step size on the raw features (0.0005 unless given)"),
            WidgetSetting("scaledLearningRate", .number(0.0001...10), "the step size on the standardised features (0.25 unless given)"),
            caption,
        ]),
        Entry(name: "split", summary: "a dataset with a rare class split again and again, at random and stratified", settings: [
            WidgetSetting("examples", .integer(20...2000), "how many examples (200 unless given)"),
            WidgetSetting("rare", .integer(1...1000), "how many of them are of the rare class (20 unless given)"),
            WidgetSetting("testFraction", .number(0.05...0.5), "the share kept for testing (0.2 unless given)"),
            caption,
        ]),
        Entry(name: "tuning", summary: "grid, random and Bayesian search tuning a network's learning rate and width live, with the surrogate's belief", settings: [
            WidgetSetting("trials", .integer(4...36), "trials each method may run (16 unless given)"),
            caption,
        ]),
        Entry(name: "convolution", summary: "a kernel sliding over a digit, each multiply-add shown, with kernel size, padding, stride and max-pooling", settings: [
            WidgetSetting("digit", .integer(0...9), "which digit to show (its first image in the set; 7 unless given)"),
            WidgetSetting("kernel", .choice(["vertical", "horizontal", "blur"]), "the kernel's pattern (vertical edges unless given)"),
            WidgetSetting("kernelSize", .integer(1...5), "the kernel's side k (3 unless given)"),
            WidgetSetting("padding", .integer(0...2), "the zero border p (0 unless given)"),
            WidgetSetting("stride", .integer(1...3), "how far the window moves, s (1 unless given)"),
            WidgetSetting("pooling", .flag, "start max-pooling instead of convolving"),
            caption,
        ]),
        Entry(name: "transfer", summary: "a conv body trained on digits 0–4, layers locked by the learner, racing a network from scratch on 5–9", settings: [
            WidgetSetting("perClass", .integer(2...50), "training examples of each digit 5–9 in the race (20 unless given)"),
            WidgetSetting("epochs", .integer(10...200), "epochs of the race (60 unless given)"),
            WidgetSetting("lock", .choice(["body", "first", "none"]), "which conv layers start locked (body: both, unless given)"),
            caption,
        ]),
        ganEntry,
        Entry(name: "deploy", summary: "an iris classifier served in-process: requests, latency percentiles and input drift", settings: [caption]),
        cnnEntry,
        namesEntry,
        vanishingEntry,
        Entry(name: "attention", summary: "one attention head over four words: scores q·k/√d, softmax, the weighted sum of values, the causal mask on or off", settings: [
            WidgetSetting("query", .integer(1...4), "which word's query is worked out first (3, \"sat\", unless given)"),
            WidgetSetting("causal", .flag, "start with the causal mask on (true unless given)"),
            caption,
        ]),
        Entry(name: "transformer", summary: "a tiny transformer learning to reverse or sort digits live, each head's attention a heatmap", settings: [
            WidgetSetting("task", .choice(["reverse", "sort"]), "what it learns (reverse unless given)"),
            WidgetSetting("digits", .integer(3...6), "how many digits each question has (4 unless given)"),
            caption,
        ]),
        Entry(name: "namewriter", summary: "a small transformer trained live on names, writing new ones at a chosen temperature", settings: [
            WidgetSetting("temperature", .number(0.2...2), "how adventurous the sampling starts (0.8 unless given)"),
            caption,
        ]),
    ]

    /// The widget registered as `name`, if any.
    public static func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }
}
