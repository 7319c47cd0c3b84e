/// How many of a target's modes a generator reaches: the number that names mode collapse.
///
/// The rule, for n generated points and a target with m modes:
/// 1. each point counts for its nearest mode, if it lies within the target's `modeRadius` of it
///    (3 standard deviations for a mixture; see `TargetDistribution`) or within `radius` when one is
///    given, and for no mode otherwise;
/// 2. a mode is *covered* when it has at least `minimumShare` × n / m points, and at least one —
///    by default a quarter of the n / m points it would get if the generator spread its points evenly.
///
/// A generator that has collapsed onto 2 of the ring's 8 Gaussians covers 2; one that covers the ring
/// but puts a mode's worth of points in between covers 8 with a low `nearFraction`.
public struct ModeCoverage: Sendable, Equatable {
    /// How many points counted for each mode.
    public let pointsPerMode: [Int]
    /// Whether each mode is covered.
    public let covered: [Bool]
    /// The number of points measured.
    public let pointCount: Int
    /// The share of a mode's even share of the points it needs to count as covered.
    public let minimumShare: Double
    /// How far from its nearest mode a point may lie and still count for it.
    public let radius: Float

    /// Measures `points` (one per row of an `n × 2` matrix) against `target`'s modes; `radius`, when
    /// given, replaces the target's `modeRadius` (a negative or NaN radius counts as 0).
    public init(points: Matrix, target: TargetDistribution, minimumShare: Double = 0.25, radius: Float? = nil) {
        precondition(points.columns == 2, "points must be an n × 2 matrix")
        let modes = target.modes
        let radius = radius.map { $0.isNaN ? 0 : max($0, 0) } ?? target.modeRadius
        var perMode = [Int](repeating: 0, count: modes.count)
        for row in 0..<points.rows {
            let point = SIMD2(points[row, 0], points[row, 1])
            var nearest = -1
            var nearestDistance = Float.infinity
            for (index, mode) in modes.enumerated() {
                let distance = TargetDistribution.distance(point, mode)
                if distance < nearestDistance { nearestDistance = distance; nearest = index }
            }
            if nearest >= 0, nearestDistance <= radius { perMode[nearest] += 1 }
        }
        let share = minimumShare.isNaN ? 0 : max(minimumShare, 0)
        let needed = max(1.0, share * Double(points.rows) / Double(max(modes.count, 1)))
        pointsPerMode = perMode
        covered = perMode.map { Double($0) >= needed }
        pointCount = points.rows
        self.minimumShare = share
        self.radius = radius
    }

    /// The number of covered modes.
    public var coveredModeCount: Int { covered.filter { $0 }.count }
    /// The number of modes of the target.
    public var modeCount: Int { covered.count }
    /// The share of the points that lie near some mode (0 when there are no points): how many of the
    /// generator's points look real.
    public var nearFraction: Double {
        pointCount == 0 ? 0 : Double(pointsPerMode.reduce(0, +)) / Double(pointCount)
    }
}
