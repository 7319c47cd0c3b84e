/// Why a search space cannot be searched.
public enum SearchSpaceError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFinite(setting: String)
    case emptyRange(setting: String, low: Double, high: Double)
    case logNeedsPositive(setting: String, low: Double)
    case noSettings
    case repeated(setting: String)

    public var description: String {
        switch self {
        case .notFinite(let setting):
            "\(setting): the range needs two finite numbers, such as 0.001..0.1"
        case .emptyRange(let setting, let low, let high):
            "\(setting): the range \(SearchSetting.number(low))..\(SearchSetting.number(high)) is empty: write the lower bound first and make it smaller than the upper one"
        case .logNeedsPositive(let setting, let low):
            "\(setting): a log scale needs a lower bound above 0, not \(SearchSetting.number(low)): start at a small number such as 0.0001"
        case .noSettings:
            "there is nothing to search: give at least one setting with its range"
        case .repeated(let setting):
            "\(setting) is searched twice: keep one range for it"
        }
    }
}
