import Foundation

extension Dataset {
    /// Two interleaving half circles, like scikit-learn's `make_moons`, stretched to the playground's
    /// square.
    ///
    /// scikit-learn puts class 0 on the upper arc (cos t, sin t) and class 1 on the lower arc
    /// (1 − cos t, 0.5 − sin t), with t evenly spaced over [0, π], then adds normal noise with standard
    /// deviation `noise`. Here every coordinate is then centred and multiplied by 3, so the moons span
    /// x1 ∈ [−4.5, 4.5], x2 ∈ [−2.25, 2.25]; the noise is scaled with them, so `noise` keeps
    /// scikit-learn's meaning (0.1 is slightly fuzzy, 0.3 makes the moons touch). Points are kept
    /// inside [−6, 6]².
    public static func moons(samples: Int, noise: Double, seed: UInt64) -> Dataset {
        let count = PointCloud.usableCount(samples)
        let noise = PointCloud.usableNoise(noise)
        let scale = 3.0
        let center = (x: 0.5, y: 0.25)
        var cloud = PointCloud(seed: seed, expectedCount: count)
        func addMoon(_ pointCount: Int, label: Double) {
            for i in 0..<pointCount {
                // Evenly spaced angles including both ends, like numpy.linspace(0, π, pointCount).
                let t = pointCount > 1 ? Double.pi * Double(i) / Double(pointCount - 1) : 0
                let moonX = label == 0 ? cos(t) : 1 - cos(t)
                let moonY = label == 0 ? sin(t) : 0.5 - sin(t)
                let x = cloud.normalInsideSquare(mean: (moonX - center.x) * scale, standardDeviation: noise * scale)
                let y = cloud.normalInsideSquare(mean: (moonY - center.y) * scale, standardDeviation: noise * scale)
                cloud.append(x: x, y: y, target: label)
            }
        }
        addMoon(count / 2, label: 0)
        addMoon(count - count / 2, label: 1)
        return cloud.dataset(name: "moons", problem: .binaryClassification, classNames: ["upper moon", "lower moon"])
    }
}
