/// The settings a search changes, each with its range; a point of the space gives each a value.
///
/// Points travel in the unit cube `[0, 1]^d` (one coordinate per setting), where the surrogate model of a
/// Bayesian search measures distances; `values(atUnit:)` turns them into the settings' own values.
public struct SearchSpace: Sendable, Hashable {
    public let settings: [SearchSetting]

    public init(_ settings: [SearchSetting]) throws(SearchSpaceError) {
        guard !settings.isEmpty else { throw .noSettings }
        var names = Set<String>()
        for setting in settings where !names.insert(setting.name).inserted { throw .repeated(setting: setting.name) }
        self.settings = settings
    }

    public var dimensions: Int { settings.count }

    /// The settings' values at a point of the unit cube.
    public func values(atUnit point: [Double]) -> [Double] {
        zip(settings, point).map { $0.value(atUnit: $1) }
    }

    /// A point's position in the unit cube, after rounding integer settings: the coordinates the
    /// surrogate sees are those of the network actually trained.
    public func unitPoint(of values: [Double]) -> [Double] {
        zip(settings, values).map { $0.unit(of: $1) }
    }

    /// Every point of a grid with `pointsPerSetting` values per setting, the first setting changing slowest.
    public func grid(pointsPerSetting: Int) -> [[Double]] {
        var points: [[Double]] = [[]]
        for setting in settings {
            let values = setting.gridValues(count: pointsPerSetting)
            points = points.flatMap { point in values.map { point + [$0] } }
        }
        return points
    }
}
