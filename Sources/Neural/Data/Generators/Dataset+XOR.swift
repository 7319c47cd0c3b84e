extension Dataset {
    /// Four quadrants: class 1 where x1 and x2 have the same sign, class 0 where they differ — the
    /// exclusive-or pattern that a single neuron cannot learn.
    ///
    /// Coordinates are drawn from [−5, 5] and pushed 0.3 away from the axes, so the quadrants are
    /// separated by a small gap. Noise works as in the playground: a point is labelled by the quadrant
    /// it would land in after a shift of up to ±5 × `noise` per coordinate.
    public static func xor(samples: Int, noise: Double, seed: UInt64) -> Dataset {
        let count = PointCloud.usableCount(samples)
        let noise = PointCloud.usableNoise(noise)
        let padding = 0.3
        var cloud = PointCloud(seed: seed, expectedCount: count)
        for _ in 0..<count {
            var x = cloud.uniform(-5, 5)
            x += x > 0 ? padding : -padding
            var y = cloud.uniform(-5, 5)
            y += y > 0 ? padding : -padding
            let noiseX = cloud.uniform(-5, 5) * noise
            let noiseY = cloud.uniform(-5, 5) * noise
            let sameSign = (x + noiseX) * (y + noiseY) >= 0
            cloud.append(x: x, y: y, target: sameSign ? 1 : 0)
        }
        return cloud.dataset(name: "xor", problem: .binaryClassification, classNames: ["opposite signs", "same sign"])
    }
}
