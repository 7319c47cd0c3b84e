import Foundation

extension Dataset {
    /// Two interleaved spiral arms, one per class — the hardest of the playground's shapes, which needs
    /// several layers or hand-made features such as sin x1.
    ///
    /// The i-th of n points on an arm sits at radius r = 5 i / n and angle t = 1.75 × 2π × i / n
    /// (plus π for the second arm), at (r sin t, r cos t). Noise moves each point by up to ±`noise`
    /// in each coordinate; labels are never flipped.
    public static func spiral(samples: Int, noise: Double, seed: UInt64) -> Dataset {
        let count = PointCloud.usableCount(samples)
        let noise = PointCloud.usableNoise(noise)
        var cloud = PointCloud(seed: seed, expectedCount: count)
        func addArm(_ pointCount: Int, angleOffset: Double, label: Double) {
            let n = Double(pointCount)
            for i in 0..<pointCount {
                let r = Double(i) / n * 5
                let t = 1.75 * Double(i) / n * 2 * Double.pi + angleOffset
                let x = r * sin(t) + cloud.uniform(-1, 1) * noise
                let y = r * cos(t) + cloud.uniform(-1, 1) * noise
                cloud.append(x: x, y: y, target: label)
            }
        }
        addArm((count + 1) / 2, angleOffset: 0, label: 1)
        addArm(count / 2, angleOffset: Double.pi, label: 0)
        return cloud.dataset(name: "spiral", problem: .binaryClassification, classNames: ["second arm", "first arm"])
    }
}
