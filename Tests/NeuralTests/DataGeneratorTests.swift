import Foundation
import Testing
@testable import Neural

@Suite("Generated datasets")
struct DataGeneratorTests {
    typealias Generator = @Sendable (Int, Double, UInt64) -> Dataset
    static let classifiers: [(String, Generator)] = [
        ("circle", { Dataset.circle(samples: $0, noise: $1, seed: $2) }),
        ("xor", { Dataset.xor(samples: $0, noise: $1, seed: $2) }),
        ("gaussian", { Dataset.gaussian(samples: $0, noise: $1, seed: $2) }),
        ("spiral", { Dataset.spiral(samples: $0, noise: $1, seed: $2) }),
        ("moons", { Dataset.moons(samples: $0, noise: $1, seed: $2) }),
    ]
    static let regressions: [(String, Generator)] = [
        ("plane", { Dataset.plane(samples: $0, noise: $1, seed: $2) }),
        ("multi-gaussian", { Dataset.multiGaussian(samples: $0, noise: $1, seed: $2) }),
        ("sine", { Dataset.sine(samples: $0, noise: $1, seed: $2) }),
    ]

    static func points(_ dataset: Dataset) -> [(x: Double, y: Double, label: Int)] {
        (0..<dataset.count).map { (Double(dataset.features[$0, 0]), Double(dataset.features[$0, 1]), Int(dataset.targets[$0, 0])) }
    }

    @Test(arguments: [0.0, 0.25, 0.5, 1.0])
    func classifiersHaveTheRightShapeAndStayInTheSquare(noise: Double) {
        for (name, generate) in Self.classifiers {
            let dataset = generate(301, noise, 5)
            #expect(dataset.name == name)
            #expect(dataset.problem == .binaryClassification)
            #expect(dataset.count == 301, "\(name)")
            #expect(dataset.features.columns == 2 && dataset.targets.columns == 1)
            #expect(dataset.features.elements.allSatisfy { abs($0) <= 6 }, "\(name) left the square at noise \(noise)")
            #expect(dataset.targets.elements.allSatisfy { $0 == 0 || $0 == 1 }, "\(name)")
            #expect(dataset.classNames.count == 2)
        }
    }

    @Test func classesAreBalancedWithoutNoise() {
        for (name, generate) in Self.classifiers where name != "xor" {
            #expect(generate(200, 0, 9).classCounts == [100, 100], "\(name)")
        }
        // XOR labels come from uniformly drawn quadrants, so they are balanced only on average.
        let xorCounts = Dataset.xor(samples: 1000, noise: 0, seed: 9).classCounts
        #expect(xorCounts[1] > 430 && xorCounts[1] < 570)
    }

    @Test func sameSeedSameDataDifferentSeedDifferentData() {
        for (name, generate) in Self.classifiers + Self.regressions {
            #expect(generate(50, 0.2, 1) == generate(50, 0.2, 1), "\(name)")
            #expect(generate(50, 0.2, 1).features != generate(50, 0.2, 2).features, "\(name)")
        }
    }

    @Test func badCountsAndNoiseGiveEmptyOrCleanData() {
        for (name, generate) in Self.classifiers + Self.regressions {
            #expect(generate(0, 0.1, 1).count == 0, "\(name)")
            #expect(generate(-5, 0.1, 1).count == 0, "\(name)")
            #expect(generate(1, 0.1, 1).count == 1, "\(name)")
            let noisy = generate(20, .nan, 1)
            #expect(noisy.features.elements.allSatisfy(\.isFinite) && noisy.targets.elements.allSatisfy(\.isFinite), "\(name)")
            #expect(generate(20, -1, 1) == generate(20, 0, 1), "\(name): negative noise should mean none")
        }
    }

    @Test func circleIsADiscInsideARing() {
        for point in Self.points(.circle(samples: 400, noise: 0, seed: 2)) {
            let radius = hypot(point.x, point.y)
            if point.label == 1 { #expect(radius < 2.5) } else { #expect(radius >= 3.5 - 1e-5 && radius <= 5 + 1e-5) }
        }
        // Noise leaves the points alone but relabels some near the boundary.
        let noisy = Self.points(.circle(samples: 400, noise: 0.5, seed: 2))
        let relabelled = noisy.filter { (hypot($0.x, $0.y) < 2.5) != ($0.label == 1) }
        #expect(relabelled.count > 10)
        #expect(noisy.allSatisfy { hypot($0.x, $0.y) <= 5 + 1e-5 })
    }

    @Test func xorLabelsAreTheSignAgreementWithAGapAtTheAxes() {
        for point in Self.points(.xor(samples: 400, noise: 0, seed: 4)) {
            #expect(point.label == (point.x * point.y >= 0 ? 1 : 0))
            #expect(abs(point.x) >= 0.3 - 1e-5 && abs(point.y) >= 0.3 - 1e-5 && abs(point.x) <= 5.3 + 1e-5)
        }
    }

    @Test func gaussianCloudsSitAtTheirCentresAndWidenWithNoise() {
        func spread(noise: Double) -> (meanX: Double, meanY: Double, deviation: Double) {
            let positives = Self.points(.gaussian(samples: 2000, noise: noise, seed: 8)).filter { $0.label == 1 }
            let meanX = positives.map(\.x).reduce(0, +) / Double(positives.count)
            let meanY = positives.map(\.y).reduce(0, +) / Double(positives.count)
            let variance = positives.map { ($0.x - meanX) * ($0.x - meanX) }.reduce(0, +) / Double(positives.count)
            return (meanX, meanY, variance.squareRoot())
        }
        let calm = spread(noise: 0)
        #expect(abs(calm.meanX - 2) < 0.1 && abs(calm.meanY - 2) < 0.1)
        // Variance 0.5 at noise 0 is a standard deviation of √0.5 ≈ 0.707.
        #expect(abs(calm.deviation - 0.5.squareRoot()) < 0.05)
        // At noise 0.5 the variance is 4; keeping points inside the square trims the tails a little.
        let wide = spread(noise: 0.5)
        #expect(wide.deviation > 1.6 && wide.deviation < 2.05)
    }

    @Test func spiralPointsLieOnTheirArm() {
        // Without noise the point at radius r has angle 1.75 × 2π × r / 5 (plus π on the second arm).
        for point in Self.points(.spiral(samples: 200, noise: 0, seed: 1)) {
            let radius = hypot(point.x, point.y)
            #expect(radius < 5)
            guard radius > 0.01 else { continue }
            let expectedAngle = 1.75 * 2 * Double.pi * radius / 5 + (point.label == 1 ? 0 : Double.pi)
            let angle = atan2(point.x, point.y)  // x = r sin t, y = r cos t
            let difference = remainder(angle - expectedAngle, 2 * Double.pi)
            #expect(abs(difference) < 1e-3)
        }
    }

    @Test func moonsAreTwoShiftedHalfCircles() {
        for point in Self.points(.moons(samples: 100, noise: 0, seed: 1)) {
            // Undo the stretch back to scikit-learn's coordinates.
            let x = point.x / 3 + 0.5
            let y = point.y / 3 + 0.25
            if point.label == 0 {
                #expect(abs(hypot(x, y) - 1) < 1e-4 && y >= -1e-4)
            } else {
                #expect(abs(hypot(x - 1, y - 0.5) - 1) < 1e-4 && y <= 0.5 + 1e-4)
            }
        }
    }

    @Test func planeTargetIsTheScaledSum() {
        let dataset = Dataset.plane(samples: 200, noise: 0, seed: 3)
        #expect(dataset.problem == .regression)
        for row in 0..<dataset.count {
            let expected = (dataset.features[row, 0] + dataset.features[row, 1]) / 10
            #expect(abs(dataset.targets[row, 0] - expected) < 1e-5)
            #expect(abs(dataset.targets[row, 0]) <= 1.2 + 1e-5)
        }
        let noisy = Dataset.plane(samples: 200, noise: 0.5, seed: 3)
        let misses = (0..<noisy.count).filter {
            abs(noisy.targets[$0, 0] - (noisy.features[$0, 0] + noisy.features[$0, 1]) / 10) > 0.01
        }
        #expect(misses.count > 100)
    }

    @Test func multiGaussianHasBumpsAtTheCentresAndNothingFarAway() {
        let dataset = Dataset.multiGaussian(samples: 3000, noise: 0, seed: 6)
        let centres: [(Double, Double, Float)] = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]
        var nearCentre = 0
        for (x, y, target) in Self.points(dataset).enumerated().map({ ($1.x, $1.y, dataset.targets[$0, 0]) }) {
            #expect(abs(target) <= 1)
            let distances = centres.map { hypot(x - $0.0, y - $0.1) }
            let nearest = distances.indices.min { distances[$0] < distances[$1] }!
            if distances[nearest] < 0.5 {
                // Other bumps are at least 3.5 away, so only the nearest one contributes: sign × (1 − d/2).
                nearCentre += 1
                #expect(abs(Double(target) - Double(centres[nearest].2) * (1 - distances[nearest] / 2)) < 1e-4)
            }
            if distances.allSatisfy({ $0 > 2 }) { #expect(target == 0) }
        }
        #expect(nearCentre > 20)
    }

    @Test func sineFollowsTheCurveOnOnePeriod() {
        let clean = Dataset.sine(samples: 300, noise: 0, seed: 2)
        #expect(clean.features.columns == 1 && clean.featureNames == ["x"])
        for row in 0..<clean.count {
            let x = clean.features[row, 0]
            #expect(x >= -Float.pi - 1e-6 && x <= Float.pi + 1e-6)
            #expect(abs(clean.targets[row, 0] - sin(x)) < 1e-5)
        }
        // Noise is normal with standard deviation `noise`: the residuals' spread comes out near 0.2.
        let noisy = Dataset.sine(samples: 4000, noise: 0.2, seed: 2)
        let residuals = (0..<noisy.count).map { Double(noisy.targets[$0, 0] - sin(noisy.features[$0, 0])) }
        let deviation = (residuals.map { $0 * $0 }.reduce(0, +) / Double(residuals.count)).squareRoot()
        #expect(abs(deviation - 0.2) < 0.01)
    }

    @Test func truthTablesMatchTheirGates() {
        let inputs = Matrix([[0, 0], [0, 1], [1, 0], [1, 1]])
        let expected: [(LogicGate, String, [Int])] = [
            (.and, "and", [0, 0, 0, 1]), (.or, "or", [0, 1, 1, 1]), (.nand, "nand", [1, 1, 1, 0]), (.xor, "xor-table", [0, 1, 1, 0]),
        ]
        for (gate, name, labels) in expected {
            let table = Dataset.truthTable(gate)
            #expect(table.name == name)
            #expect(table.features == inputs)
            #expect(table.labels == labels)
            #expect(table.problem == .binaryClassification)
        }
    }
}
