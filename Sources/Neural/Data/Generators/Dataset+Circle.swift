import Foundation

extension Dataset {
    /// A disc of class 1 (radius < 2.5) inside a ring of class 0 (radius 3.5 to 5): the classic case
    /// that no straight line can separate, but one hidden layer of a few neurons can.
    ///
    /// As in the playground, half the points are drawn inside and half in the ring, and noise does not
    /// move the points: each point is labelled by whether it would fall inside radius 2.5 after a shift
    /// of up to ±5 × `noise` in each coordinate, so noise flips the labels of points near the boundary.
    public static func circle(samples: Int, noise: Double, seed: UInt64) -> Dataset {
        let count = PointCloud.usableCount(samples)
        let noise = PointCloud.usableNoise(noise)
        let radius = 5.0
        var cloud = PointCloud(seed: seed, expectedCount: count)
        func addPoints(_ pointCount: Int, radii: (Double, Double)) {
            for _ in 0..<pointCount {
                let r = cloud.uniform(radii.0, radii.1)
                let angle = cloud.uniform(0, 2 * Double.pi)
                let x = r * sin(angle)
                let y = r * cos(angle)
                let noiseX = cloud.uniform(-radius, radius) * noise
                let noiseY = cloud.uniform(-radius, radius) * noise
                let isInside = hypot(x + noiseX, y + noiseY) < radius * 0.5
                cloud.append(x: x, y: y, target: isInside ? 1 : 0)
            }
        }
        addPoints((count + 1) / 2, radii: (0, radius * 0.5))
        addPoints(count / 2, radii: (radius * 0.7, radius))
        return cloud.dataset(name: "circle", problem: .binaryClassification, classNames: ["outside", "inside"])
    }
}
