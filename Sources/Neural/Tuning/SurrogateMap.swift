/// The surrogate's belief over two settings, on a grid a widget can draw: the expected score and its
/// uncertainty (one standard deviation) at each cell, the other settings held at the best trial's values.
public struct SurrogateMap: Sendable {
    public let columns: Int
    public let rows: Int
    /// Row-major, row 0 at the lowest value of the second setting.
    public let mean: [Double]
    public let standardDeviation: [Double]
    /// The two settings' values along the columns and the rows.
    public let columnValues: [Double]
    public let rowValues: [Double]

    /// The map of `process` over settings `columnSetting` and `rowSetting` of `space`, with `fixed` giving
    /// the values of the other settings.
    public init(process: GaussianProcess, space: SearchSpace, columnSetting: Int, rowSetting: Int,
                columns: Int, rows: Int, fixed: [Double]) {
        precondition(columns > 1 && rows > 1, "a map needs at least 2×2 cells")
        self.columns = columns
        self.rows = rows
        let baseUnit = space.unitPoint(of: fixed)
        var mean: [Double] = []
        var deviation: [Double] = []
        mean.reserveCapacity(columns * rows)
        deviation.reserveCapacity(columns * rows)
        for row in 0..<rows {
            for column in 0..<columns {
                var point = baseUnit
                point[columnSetting] = Double(column) / Double(columns - 1)
                point[rowSetting] = Double(row) / Double(rows - 1)
                let prediction = process.predict(point)
                mean.append(prediction.mean)
                deviation.append(prediction.standardDeviation)
            }
        }
        self.mean = mean
        self.standardDeviation = deviation
        columnValues = (0..<columns).map { space.settings[columnSetting].value(atUnit: Double($0) / Double(columns - 1)) }
        rowValues = (0..<rows).map { space.settings[rowSetting].value(atUnit: Double($0) / Double(rows - 1)) }
    }
}
