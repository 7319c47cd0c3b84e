import Foundation

/// A distribution of points in the plane for a generator to imitate: the "real data" of a 2-D GAN.
///
/// Two kinds exist. A *mixture* puts equal weight on a few centres and draws a point as a random
/// centre plus normal noise with standard deviation `spread` in each coordinate (the ring of 8
/// Gaussians, the learner's own points). A *curve* draws a point uniformly along one or more polylines
/// (by length) plus the same noise (the line, two moons, a spiral).
///
/// Every target also names its `modes` — the places a generator must reach to imitate it — and a
/// `modeRadius`, so that `ModeCoverage` can count which ones a generator covers. For a mixture the
/// modes are the centres and the radius is 3 × spread (a 2-D normal puts 1 − e^(−9/2) ≈ 98.9 % of its
/// points that close). For a curve the modes are `curveModeCount` points spaced evenly along its whole
/// length, one in the middle of each of that many equal pieces, and the radius is
/// √((piece length / 2)² + (3 × spread)²), so a point on its piece and within 3 × spread of the curve
/// counts for that piece's mode.
public struct TargetDistribution: Sendable, Equatable {
    /// What the target is, for screens.
    public let name: String
    /// The places a generator must reach.
    public let modes: [SIMD2<Float>]
    /// How far from its nearest mode a point may lie and still count for it.
    public let modeRadius: Float
    /// The standard deviation of the noise in each coordinate.
    public let spread: Float
    private let curves: [[SIMD2<Float>]]
    private let curveLengths: [Float]

    /// The number of modes a curve is cut into.
    public static let curveModeCount = 8

    /// Eight Gaussians with standard deviation `spread` evenly around a circle of `radius`, the first on
    /// the positive x axis — the classic test of mode collapse (Metz et al., 2017, use radius 2, 0.02).
    public static func ring(modeCount: Int = 8, radius: Float = 2, spread: Float = 0.02) -> TargetDistribution {
        let count = max(modeCount, 1)
        let centres = (0..<count).map { index -> SIMD2<Float> in
            let angle = 2 * Double.pi * Double(index) / Double(count)
            return SIMD2(radius * Float(cos(angle)), radius * Float(sin(angle)))
        }
        return TargetDistribution(name: "ring of \(count) Gaussians", mixture: centres, spread: max(spread, 0))
    }

    /// The diagonal segment from (−2, −2) to (2, 2), blurred by `spread`.
    public static func line(spread: Float = 0.05) -> TargetDistribution {
        TargetDistribution(name: "line", curves: [[SIMD2(-2, -2), SIMD2(2, 2)]], spread: max(spread, 0))
    }

    /// scikit-learn's two moons — the upper arc (cos t, sin t) and the lower arc (1 − cos t, ½ − sin t),
    /// t ∈ [0, π] — centred and scaled by 1.5 to span x ∈ [−2.25, 2.25], blurred by `spread`.
    public static func moons(spread: Float = 0.05) -> TargetDistribution {
        let pieces = 128
        func arc(_ point: (Double) -> (Double, Double)) -> [SIMD2<Float>] {
            (0...pieces).map { index in
                let (x, y) = point(Double.pi * Double(index) / Double(pieces))
                return SIMD2(Float((x - 0.5) * 1.5), Float((y - 0.25) * 1.5))
            }
        }
        let upper = arc { (cos($0), sin($0)) }
        let lower = arc { (1 - cos($0), 0.5 - sin($0)) }
        return TargetDistribution(name: "two moons", curves: [upper, lower], spread: max(spread, 0))
    }

    /// One spiral arm of one and a half turns, radius 0.25 + 2u at angle 3πu for u ∈ [0, 1], blurred
    /// by `spread`.
    public static func spiral(spread: Float = 0.05) -> TargetDistribution {
        let pieces = 512
        let arm = (0...pieces).map { index -> SIMD2<Float> in
            let u = Double(index) / Double(pieces)
            let radius = 0.25 + 2 * u
            return SIMD2(Float(radius * cos(3 * Double.pi * u)), Float(radius * sin(3 * Double.pi * u)))
        }
        return TargetDistribution(name: "spiral", curves: [arm], spread: max(spread, 0))
    }

    /// The learner's own points, each the centre of a small normal cloud of standard deviation `spread`.
    ///
    /// - Throws: `.noPoints` for an empty list, `.notFinitePoint` naming the first point with a
    ///   coordinate that is not a number, `.invalidSpread` for a negative or non-finite spread.
    public static func points(_ points: [SIMD2<Float>], spread: Float = 0.1) throws(TargetDistributionError) -> TargetDistribution {
        guard !points.isEmpty else { throw .noPoints }
        if let bad = points.firstIndex(where: { !$0.x.isFinite || !$0.y.isFinite }) { throw .notFinitePoint(index: bad + 1) }
        guard spread.isFinite, spread >= 0 else { throw .invalidSpread(spread) }
        return TargetDistribution(name: "your points", mixture: points, spread: spread)
    }

    private init(name: String, mixture centres: [SIMD2<Float>], spread: Float) {
        self.name = name
        self.modes = centres
        self.spread = spread
        self.modeRadius = 3 * spread
        self.curves = []
        self.curveLengths = []
    }

    private init(name: String, curves: [[SIMD2<Float>]], spread: Float) {
        self.name = name
        self.spread = spread
        self.curves = curves
        let lengths = curves.map { curve in zip(curve, curve.dropFirst()).reduce(Float(0)) { $0 + Self.distance($1.0, $1.1) } }
        self.curveLengths = lengths
        let total = lengths.reduce(0, +)
        let pieceLength = total / Float(Self.curveModeCount)
        self.modes = (0..<Self.curveModeCount).map { index in
            Self.point(atLength: (Float(index) + 0.5) * pieceLength, curves: curves, lengths: lengths)
        }
        self.modeRadius = ((pieceLength / 2) * (pieceLength / 2) + 9 * spread * spread).squareRoot()
    }

    /// `count` points, one per row of a `count × 2` matrix, fixed by `seed`.
    public func sample(count: Int, seed: UInt64) -> Matrix {
        var random = RandomSource(seed: seed)
        return sample(count: count, using: &random)
    }

    /// `count` points drawn with `random`, one per row of a `count × 2` matrix.
    public func sample(count: Int, using random: inout RandomSource) -> Matrix {
        let count = max(count, 0)
        var result = Matrix(rows: count, columns: 2)
        sample(into: &result, rows: 0..<count, using: &random)
        return result
    }

    /// Fills `rows` of `points` (an `n × 2` matrix) with points drawn with `random`, allocating nothing:
    /// a training step draws its real batch this way.
    public func sample(into points: inout Matrix, rows: Range<Int>, using random: inout RandomSource) {
        precondition(points.columns == 2 && rows.lowerBound >= 0 && rows.upperBound <= points.rows,
                     "rows \(rows) of an n × 2 matrix of \(points.rows) rows")
        var total: Float = 0
        for length in curveLengths { total += length }
        let spread = self.spread
        // Up to 64 rows at a time: each row's centre and the draw for its pair of normal numbers, in the
        // order one row at a time would take them; then the pairs go through the vector kernel together.
        points.storage.withUnsafeMutableBufferPointer { buffer in
            withUnsafeTemporaryAllocation(of: SIMD2<Float>.self, capacity: 64) { centres in
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 64) { draws in
                    withUnsafeTemporaryAllocation(of: SIMD2<Float>.self, capacity: 64) { offsets in
                        var first = rows.lowerBound
                        while first < rows.upperBound {
                            let count = Swift.min(64, rows.upperBound - first)
                            for index in 0..<count {
                                centres[index] = curves.isEmpty
                                    ? modes[random.nextIndex(below: modes.count)]
                                    : Self.point(atLength: random.nextUnitFloat() * total, curves: curves, lengths: curveLengths)
                                draws[index] = random.next()
                            }
                            offsets.withMemoryRebound(to: Float.self) { floats in
                                ElementwiseKernels.normalPairs(count, draws: draws.baseAddress!, into: floats.baseAddress!,
                                                               mean: 0, standardDeviation: spread)
                            }
                            for index in 0..<count {
                                let point = centres[index] + offsets[index]
                                buffer[(first + index) * 2] = point.x
                                buffer[(first + index) * 2 + 1] = point.y
                            }
                            first += count
                        }
                    }
                }
            }
        }
    }

    /// The point `length` along the curves, taken one after another.
    private static func point(atLength length: Float, curves: [[SIMD2<Float>]], lengths: [Float]) -> SIMD2<Float> {
        var remaining = length
        for (curve, curveLength) in zip(curves, lengths) {
            if remaining > curveLength { remaining -= curveLength; continue }
            for (start, end) in zip(curve, curve.dropFirst()) {
                let piece = distance(start, end)
                if remaining <= piece, piece > 0 { return start + (end - start) * (remaining / piece) }
                remaining -= piece
            }
            return curve[curve.count - 1]
        }
        return curves.last?.last ?? .zero
    }

    static func distance(_ a: SIMD2<Float>, _ b: SIMD2<Float>) -> Float {
        let difference = a - b
        return (difference * difference).sum().squareRoot()
    }

    public static func == (lhs: TargetDistribution, rhs: TargetDistribution) -> Bool {
        lhs.name == rhs.name && lhs.modes == rhs.modes && lhs.spread == rhs.spread && lhs.curves == rhs.curves
    }
}
