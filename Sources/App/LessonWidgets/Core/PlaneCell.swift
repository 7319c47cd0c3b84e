import Canvas

/// Where a point of the plane lands in a rect, exactly as `DecisionMap` places its points, so a widget
/// can mark a point the map drew (the selected one, the current one).
enum PlaneCell {
    static func cell(x: Double, y: Double, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, in rect: Rect) -> (x: Int, y: Int)? {
        let xSpan = xRange.upperBound - xRange.lowerBound, ySpan = yRange.upperBound - yRange.lowerBound
        guard !rect.isEmpty, xSpan > 0, ySpan > 0, x.isFinite, y.isFinite, xRange.contains(x), yRange.contains(y) else { return nil }
        let column = min(rect.width - 1, Int((x - xRange.lowerBound) / xSpan * Double(rect.width)))
        let row = min(rect.height - 1, Int((yRange.upperBound - y) / ySpan * Double(rect.height)))
        return (rect.x + column, rect.y + row)
    }
}
