import Foundation

extension Dataset {
    /// Six bumps in a 3 × 2 grid, alternately up (+1) and down (−1): a regression with several hills
    /// and valleys to fit.
    ///
    /// The bumps are centred at x1 ∈ {−4, 0, 4}, x2 ∈ {2.5, −2.5}. Each has height
    /// sign × max(0, 1 − d / 2) at distance d from its centre, and the target is the bump value
    /// largest in size, so it lies in [−1, 1] and is 0 far from every centre. Noise works as in the
    /// playground: the target is computed at the point shifted by up to ±6 × `noise` per coordinate.
    public static func multiGaussian(samples: Int, noise: Double, seed: UInt64) -> Dataset {
        let count = PointCloud.usableCount(samples)
        let noise = PointCloud.usableNoise(noise)
        let radius = PointCloud.extent
        let bumps: [(x: Double, y: Double, sign: Double)] = [
            (-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1),
            (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1),
        ]
        func height(x: Double, y: Double) -> Double {
            var strongest = 0.0
            for bump in bumps {
                let value = bump.sign * min(max(1 - hypot(x - bump.x, y - bump.y) / 2, 0), 1)
                if abs(value) > abs(strongest) { strongest = value }
            }
            return strongest
        }
        var cloud = PointCloud(seed: seed, expectedCount: count)
        for _ in 0..<count {
            let x = cloud.uniform(-radius, radius)
            let y = cloud.uniform(-radius, radius)
            let noiseX = cloud.uniform(-radius, radius) * noise
            let noiseY = cloud.uniform(-radius, radius) * noise
            cloud.append(x: x, y: y, target: height(x: x + noiseX, y: y + noiseY))
        }
        return cloud.dataset(name: "multi-gaussian", problem: .regression)
    }
}
