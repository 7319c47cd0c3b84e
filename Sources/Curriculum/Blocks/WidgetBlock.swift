/// A live widget placed in a lesson with a ```` ```widget NAME ```` fence and YAML settings.
public struct WidgetBlock: Equatable, Sendable {
    /// The widget's registered name, e.g. `perceptron`.
    public var name: String
    /// The settings the author gave, already checked against the widget's registry entry.
    public var settings: [String: WidgetSettingValue]
    /// The line of the opening fence in the lesson file.
    public var line: Int

    public init(name: String, settings: [String: WidgetSettingValue] = [:], line: Int) {
        self.name = name
        self.settings = settings
        self.line = line
    }
}

/// The value of one widget setting, typed by the registry's description of that setting.
public enum WidgetSettingValue: Equatable, Sendable {
    case integer(Int)
    case number(Double)
    case flag(Bool)
    case text(String)
    case integers([Int])
    case numbers([Double])
    case texts([String])
}
