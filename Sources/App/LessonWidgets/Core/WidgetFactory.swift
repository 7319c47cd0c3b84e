import Curriculum

/// Makes the live widget a lesson's ```` ```widget NAME ```` block asks for, from its settings.
enum WidgetFactory {
    /// The widget for `block`; `runName` names the live training run a `train` widget starts.
    static func make(_ block: WidgetBlock, runName: String) -> WidgetHost {
        let settings = WidgetSettings(block.settings)
        let widget: any InteractiveWidget
        switch block.name {
        case "perceptron": widget = PerceptronWidget(settings: settings)
        case "neuron": widget = NeuronWidget(settings: settings)
        case "forward": widget = ForwardWidget(settings: settings)
        case "activation": widget = ActivationWidget(settings: settings)
        case "backprop": widget = BackpropWidget(settings: settings)
        case "graph": widget = GraphWidget(settings: settings)
        case "descent": widget = DescentWidget(settings: settings)
        case "train": widget = TrainWidget(settings: settings, runName: runName)
        case "threshold": widget = ThresholdWidget(settings: settings)
        case "confusion": widget = ConfusionWidget(settings: settings, runName: runName)
        case "scaling": widget = ScalingWidget(settings: settings)
        case "split": widget = SplitWidget(settings: settings)
        case "tuning": widget = TuningWidget(settings: settings, runName: runName)
        case "losses": widget = LossesWidget(settings: settings)
        case "classloss": widget = ClassLossWidget(settings: settings)
        case "fit": widget = FitWidget(settings: settings)
        case "augment": widget = AugmentWidget(settings: settings)
        case "convolution": widget = ConvolutionWidget(settings: settings)
        case "transfer": widget = TransferWidget(settings: settings, runName: runName)
        case "gan": widget = GANWidget(settings: settings, runName: runName)
        case "deploy": widget = DeployWidget(settings: settings)
        case "cnn": widget = CNNWidget(settings: settings, runName: runName)
        case "names": widget = NamesWidget(settings: settings)
        case "vanishing": widget = VanishingWidget(settings: settings)
        case "attention": widget = AttentionWidget(settings: settings)
        case "transformer": widget = TransformerWidget(settings: settings)
        case "namewriter": widget = NameWriterWidget(settings: settings)
        default: widget = UnknownWidget(name: block.name)
        }
        return WidgetHost(name: block.name, widget: widget)
    }
}
