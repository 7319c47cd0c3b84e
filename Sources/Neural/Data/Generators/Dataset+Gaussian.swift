extension Dataset {
    /// Two round clouds: class 1 around (2, 2) and class 0 around (−2, −2) — separable by a straight
    /// line when the noise is low, overlapping when it is high.
    ///
    /// Here noise widens the clouds, as in the playground: the variance grows linearly from 0.5 at
    /// noise 0 to 4 at noise 0.5 (standard deviation 0.71 to 2). Points are kept inside [−6, 6]².
    public static func gaussian(samples: Int, noise: Double, seed: UInt64) -> Dataset {
        let count = PointCloud.usableCount(samples)
        let noise = PointCloud.usableNoise(noise)
        let variance = 0.5 + noise * (4 - 0.5) / 0.5
        let standardDeviation = variance.squareRoot()
        var cloud = PointCloud(seed: seed, expectedCount: count)
        func addCloud(_ pointCount: Int, center: Double, label: Double) {
            for _ in 0..<pointCount {
                let x = cloud.normalInsideSquare(mean: center, standardDeviation: standardDeviation)
                let y = cloud.normalInsideSquare(mean: center, standardDeviation: standardDeviation)
                cloud.append(x: x, y: y, target: label)
            }
        }
        addCloud((count + 1) / 2, center: 2, label: 1)
        addCloud(count / 2, center: -2, label: 0)
        return cloud.dataset(name: "gaussian", problem: .binaryClassification, classNames: ["lower left", "upper right"])
    }
}
