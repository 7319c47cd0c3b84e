import Curriculum

/// Typed reads of a widget block's settings, each with the default the lesson guide promises.
///
/// The parser has already checked every value against `WidgetRegistry`, so a read only falls back to
/// the default when the author left a setting out.
struct WidgetSettings: Equatable, Sendable {
    var values: [String: WidgetSettingValue]

    init(_ values: [String: WidgetSettingValue]) {
        self.values = values
    }

    func text(_ name: String, default fallback: String) -> String {
        if case .text(let value)? = values[name] { return value }
        return fallback
    }

    func number(_ name: String, default fallback: Double) -> Double {
        switch values[name] {
        case .number(let value)?: value
        case .integer(let value)?: Double(value)
        default: fallback
        }
    }

    func integer(_ name: String, default fallback: Int) -> Int {
        if case .integer(let value)? = values[name] { return value }
        return fallback
    }

    /// A whole number the author may have left out: nil then.
    func optionalInteger(_ name: String) -> Int? {
        if case .integer(let value)? = values[name] { return value }
        return nil
    }

    /// A word the author may have left out: nil then.
    func optionalText(_ name: String) -> String? {
        if case .text(let value)? = values[name] { return value }
        return nil
    }

    func flag(_ name: String, default fallback: Bool) -> Bool {
        if case .flag(let value)? = values[name] { return value }
        return fallback
    }

    func integers(_ name: String, default fallback: [Int]) -> [Int] {
        if case .integers(let value)? = values[name] { return value }
        return fallback
    }

    /// A list of numbers the author may have left out: nil then. A list of whole numbers counts too.
    func optionalNumbers(_ name: String) -> [Double]? {
        switch values[name] {
        case .numbers(let value)?: value
        case .integers(let value)?: value.map(Double.init)
        default: nil
        }
    }

    func texts(_ name: String, default fallback: [String]) -> [String] {
        if case .texts(let value)? = values[name] { return value }
        return fallback
    }

    /// The line shown under the widget, if the author wrote one.
    var caption: String? { optionalText("caption") }
}
