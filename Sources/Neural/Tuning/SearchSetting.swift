import Foundation

/// One hyper-parameter a search may change, with the range it is searched over.
///
/// A search works in the unit interval: `u = 0` is the lowest value, `u = 1` the highest. On a linear
/// scale `value = low + u·(high − low)`; on a log scale `value = low·(high/low)^u`, so a learning rate
/// between 0.0001 and 1 spends as many trials in each factor of ten. An integer setting (a width, a batch
/// size) rounds to the nearest whole number, so every trial is a network that can be built.
public struct SearchSetting: Sendable, Hashable {
    public enum Scale: String, Sendable, Hashable {
        case linear, log
    }

    /// The setting's name, as configuration files spell it (`learningRate`, `neurons`).
    public var name: String
    public var low: Double
    public var high: Double
    public var scale: Scale
    public var isInteger: Bool

    /// A setting searched between `low` and `high` (both included). A log scale needs `low > 0`.
    public init(name: String, low: Double, high: Double, scale: Scale = .linear, isInteger: Bool = false) throws(SearchSpaceError) {
        guard low.isFinite, high.isFinite else { throw .notFinite(setting: name) }
        guard low < high else { throw .emptyRange(setting: name, low: low, high: high) }
        if scale == .log && low <= 0 { throw .logNeedsPositive(setting: name, low: low) }
        if isInteger && low.rounded() == high.rounded() { throw .emptyRange(setting: name, low: low, high: high) }
        self.name = name
        self.low = low
        self.high = high
        self.scale = scale
        self.isInteger = isInteger
    }

    /// The value at `unit` (0 to 1, clamped), rounded for an integer setting.
    public func value(atUnit unit: Double) -> Double {
        let u = min(1, max(0, unit))
        // The ends are the bounds exactly: exp(log(low)) may differ from low in the last bit.
        let raw: Double = if u == 0 { low } else if u == 1 { high } else {
            switch scale {
            case .linear: low + u * (high - low)
            case .log: exp(log(low) + u * (log(high) - log(low)))
            }
        }
        return isInteger ? min(high.rounded(), max(low.rounded(), raw.rounded())) : raw
    }

    /// Where `value` sits in the unit interval: the inverse of `value(atUnit:)`.
    public func unit(of value: Double) -> Double {
        let u: Double = switch scale {
        case .linear: (value - low) / (high - low)
        case .log: (log(value) - log(low)) / (log(high) - log(low))
        }
        return min(1, max(0, u))
    }

    /// `count` values spread evenly over the range (evenly in the logarithm on a log scale); an integer
    /// setting gives fewer when its range holds fewer whole numbers.
    public func gridValues(count: Int) -> [Double] {
        guard count > 1 else { return [value(atUnit: 0.5)] }
        var values: [Double] = []
        for index in 0..<count {
            let value = value(atUnit: Double(index) / Double(count - 1))
            if values.last != value { values.append(value) }
        }
        return values
    }

    /// The setting as a search-space file writes it: `log 0.0001..1`, `2..32`.
    public var rangeText: String {
        let bounds = isInteger ? "\(Int(low.rounded()))..\(Int(high.rounded()))" : "\(Self.number(low))..\(Self.number(high))"
        return scale == .log ? "log " + bounds : bounds
    }

    static func number(_ value: Double) -> String {
        let text = String(format: "%g", value)
        return text
    }
}
