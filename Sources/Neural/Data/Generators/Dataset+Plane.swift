extension Dataset {
    /// A tilted plane: the target is (x1 + x2) / 10, from −1.2 in one corner to 1.2 in the other —
    /// the regression a single linear neuron solves exactly.
    ///
    /// Noise works as in the playground: the target is computed at the point shifted by up to
    /// ±6 × `noise` in each coordinate, so nearby points get scattered values.
    public static func plane(samples: Int, noise: Double, seed: UInt64) -> Dataset {
        let count = PointCloud.usableCount(samples)
        let noise = PointCloud.usableNoise(noise)
        let radius = PointCloud.extent
        var cloud = PointCloud(seed: seed, expectedCount: count)
        for _ in 0..<count {
            let x = cloud.uniform(-radius, radius)
            let y = cloud.uniform(-radius, radius)
            let noiseX = cloud.uniform(-radius, radius) * noise
            let noiseY = cloud.uniform(-radius, radius) * noise
            // The playground maps x + y from [−10, 10] linearly onto [−1, 1], without clamping.
            cloud.append(x: x, y: y, target: ((x + noiseX) + (y + noiseY)) / 10)
        }
        return cloud.dataset(name: "plane", problem: .regression)
    }
}
