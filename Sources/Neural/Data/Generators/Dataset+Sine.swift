import Foundation

extension Dataset {
    /// One input and one output: x drawn uniformly from [−π, π] and target sin x plus normal noise with
    /// standard deviation `noise` — the curve-fitting example for seeing what each hidden neuron adds.
    public static func sine(samples: Int, noise: Double, seed: UInt64) -> Dataset {
        let count = PointCloud.usableCount(samples)
        let noise = PointCloud.usableNoise(noise)
        var random = RandomSource(seed: seed)
        var inputs = [Float]()
        var targets = [Float]()
        inputs.reserveCapacity(count)
        targets.reserveCapacity(count)
        for _ in 0..<count {
            let x = -Double.pi + 2 * Double.pi * Double(random.nextUnitFloat())
            inputs.append(Float(x))
            targets.append(Float(sin(x)) + Float(noise) * random.normal())
        }
        return Dataset(
            name: "sine",
            features: Matrix(rows: count, columns: 1, elements: inputs),
            targets: Matrix(rows: count, columns: 1, elements: targets),
            problem: .regression, featureNames: ["x"])
    }
}
