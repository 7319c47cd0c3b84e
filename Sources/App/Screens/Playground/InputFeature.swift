import Foundation

/// One input the playground can feed a network of 2-D (or 1-D) data: a coordinate or a function of them.
///
/// Hand-made features let a single layer draw curved boundaries: with x1² and x2² a circle is a
/// straight line in feature space, and sin x1 helps with the spiral.
public enum InputFeature: String, CaseIterable, Sendable, Hashable {
    case x1
    case x2
    case x1Squared
    case x2Squared
    case x1TimesX2
    case sinX1
    case sinX2

    /// The name on screen: `x1`, `x1²`, `x1·x2`, `sin x1`.
    public var label: String {
        switch self {
        case .x1: "x1"
        case .x2: "x2"
        case .x1Squared: "x1²"
        case .x2Squared: "x2²"
        case .x1TimesX2: "x1·x2"
        case .sinX1: "sin x1"
        case .sinX2: "sin x2"
        }
    }

    /// The ASCII name, used in configuration files and on ASCII terminals: `x1^2`, `x1*x2`, `sin(x1)`.
    public var fileName: String {
        switch self {
        case .x1: "x1"
        case .x2: "x2"
        case .x1Squared: "x1^2"
        case .x2Squared: "x2^2"
        case .x1TimesX2: "x1*x2"
        case .sinX1: "sin(x1)"
        case .sinX2: "sin(x2)"
        }
    }

    /// The feature named `name` in either spelling (spaces and case ignored).
    public init?(name: String) {
        let key = name.lowercased().filter { !$0.isWhitespace }
        guard let match = Self.allCases.first(where: {
            $0.fileName == key || $0.label.filter { !$0.isWhitespace } == key || $0.rawValue.lowercased() == key
        }) else { return nil }
        self = match
    }

    /// How many raw coordinates the feature needs: 1 for those of x1 alone, 2 when x2 is involved.
    public var dimensions: Int {
        switch self {
        case .x1, .x1Squared, .sinX1: 1
        case .x2, .x2Squared, .x1TimesX2, .sinX2: 2
        }
    }

    /// The features of data with `dimensions` raw coordinates, in order.
    public static func available(dimensions: Int) -> [InputFeature] {
        allCases.filter { $0.dimensions <= dimensions }
    }

    /// The feature's value at the point (x1, x2).
    public func value(x1: Float, x2: Float) -> Float {
        switch self {
        case .x1: x1
        case .x2: x2
        case .x1Squared: x1 * x1
        case .x2Squared: x2 * x2
        case .x1TimesX2: x1 * x2
        case .sinX1: sin(x1)
        case .sinX2: sin(x2)
        }
    }
}
