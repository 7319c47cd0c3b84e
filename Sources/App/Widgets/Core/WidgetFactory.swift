import Curriculum

/// Makes the live widget a lesson's ```` ```widget NAME ```` block asks for, from its settings.
enum WidgetFactory {
    static func make(_ block: WidgetBlock) -> WidgetHost {
        let settings = WidgetSettings(block.settings)
        let widget: any InteractiveWidget
        switch block.name {
        case "perceptron": widget = PerceptronWidget(settings: settings)
        default: widget = UnknownWidget(name: block.name)
        }
        return WidgetHost(name: block.name, widget: widget)
    }
}
