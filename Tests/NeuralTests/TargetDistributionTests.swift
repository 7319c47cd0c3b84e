import Foundation
import Testing
@testable import Neural

@Suite("2-D targets for a generator")
struct TargetDistributionTests {
    static let targets: [TargetDistribution] = [.ring(), .line(), .moons(), .spiral(), try! .points([SIMD2(0, 0), SIMD2(1, 2)])]

    @Test func ringCentresSitOnTheCircle() {
        let ring = TargetDistribution.ring()
        #expect(ring.modes.count == 8 && ring.modeRadius == Float(0.06))
        #expect(abs(ring.modes[0].x - 2) < 1e-6 && abs(ring.modes[0].y) < 1e-6)
        #expect(abs(ring.modes[2].x) < 1e-6 && abs(ring.modes[2].y - 2) < 1e-6)
        #expect(abs(ring.modes[1].x - Float(2).squareRoot()) < 1e-5)
    }

    /// A 2-D normal with standard deviation σ in each coordinate puts 1 − e^(−9/2) ≈ 0.9889 of its points
    /// within 3σ of its centre; the share of 40,000 draws has a standard error of about 0.0005.
    @Test func ringSamplesLieAroundTheirCentresAsANormalDoes() {
        let ring = TargetDistribution.ring()
        let points = ring.sample(count: 40_000, seed: 1)
        let coverage = ModeCoverage(points: points, target: ring)
        #expect(coverage.coveredModeCount == 8)
        #expect(abs(coverage.nearFraction - (1 - exp(-4.5))) < 0.003)
        #expect(coverage.pointsPerMode.allSatisfy { abs($0 - 4_944) < 300 }, "\(coverage.pointsPerMode)")
    }

    @Test func curvesAreCoveredEvenlyByTheirOwnSamples() {
        for target in [TargetDistribution.line(), .moons(), .spiral()] {
            #expect(target.modes.count == 8)
            let coverage = ModeCoverage(points: target.sample(count: 8_000, seed: 2), target: target)
            #expect(coverage.coveredModeCount == 8, "\(target.name)")
            #expect(coverage.nearFraction > 0.95, "\(target.name): \(coverage.nearFraction)")
            // Uniform along the length, so each eighth gets about 1,000 points.
            #expect(coverage.pointsPerMode.allSatisfy { $0 > 700 && $0 < 1_300 }, "\(target.name): \(coverage.pointsPerMode)")
        }
        // The line's modes are the middles of its eight equal pieces.
        let line = TargetDistribution.line()
        #expect(abs(line.modes[0].x - (-1.75)) < 1e-5 && abs(line.modes[7].y - 1.75) < 1e-5)
    }

    @Test func sameSeedSamePointsDifferentSeedDifferentPoints() {
        for target in Self.targets {
            #expect(target.sample(count: 100, seed: 3) == target.sample(count: 100, seed: 3), "\(target.name)")
            #expect(target.sample(count: 100, seed: 3) != target.sample(count: 100, seed: 4), "\(target.name)")
            #expect(target.sample(count: -1, seed: 3).rows == 0)
        }
    }

    @Test func learnersPointsAreCheckedAndBecomeModes() throws {
        let target = try TargetDistribution.points([SIMD2(0, 0), SIMD2(1, 2)], spread: 0.1)
        #expect(target.modes == [SIMD2(0, 0), SIMD2(1, 2)])
        let coverage = ModeCoverage(points: target.sample(count: 1_000, seed: 1), target: target)
        #expect(coverage.coveredModeCount == 2)
        #expect(throws: TargetDistributionError.noPoints) { try TargetDistribution.points([]) }
        #expect(throws: TargetDistributionError.notFinitePoint(index: 2)) { try TargetDistribution.points([SIMD2(0, 0), SIMD2(.nan, 1)]) }
        #expect(throws: TargetDistributionError.invalidSpread(-1)) { try TargetDistribution.points([SIMD2(0, 0)], spread: -1) }
        #expect(TargetDistributionError.noPoints.description.contains("at least one point"))
    }
}

@Suite("Mode coverage")
struct ModeCoverageTests {
    static func points(_ list: [(Float, Float)]) -> Matrix { Matrix(list.map { [$0.0, $0.1] }) }

    @Test func aCollapsedGeneratorCoversOneMode() {
        let ring = TargetDistribution.ring()
        let collapsed = Self.points(Array(repeating: (2, 0.01), count: 64))
        let coverage = ModeCoverage(points: collapsed, target: ring)
        #expect(coverage.coveredModeCount == 1 && coverage.covered[0])
        #expect(coverage.pointsPerMode == [64, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test func pointsBetweenModesCountForNone() {
        // Halfway between two centres of the ring, and at its middle.
        let ring = TargetDistribution.ring()
        let between = Self.points(Array(repeating: (1.85, 0.77), count: 10) + Array(repeating: (0, 0), count: 10))
        let coverage = ModeCoverage(points: between, target: ring)
        #expect(coverage.coveredModeCount == 0 && coverage.nearFraction == 0)
        // Just inside and just outside 3σ = 0.06 of the first centre.
        let edge = ModeCoverage(points: Self.points([(2.059, 0), (2.061, 0)]), target: ring)
        #expect(edge.pointsPerMode[0] == 1)
        // A wider radius, when asked for, takes in the point just outside.
        let wider = ModeCoverage(points: Self.points([(2.059, 0), (2.061, 0), (2.2, 0)]), target: ring, radius: 0.15)
        #expect(wider.pointsPerMode[0] == 2 && wider.radius == 0.15)
    }

    @Test func aModeNeedsAQuarterOfItsEvenShare() {
        // 800 points on 8 modes: an even share is 100, so a mode needs 25 points.
        let ring = TargetDistribution.ring()
        var list: [(Float, Float)] = Array(repeating: (2, 0), count: 775)
        list += Array(repeating: (0, 2), count: 25)
        #expect(ModeCoverage(points: Self.points(list), target: ring).coveredModeCount == 2)
        list[799] = (2, 0)
        #expect(ModeCoverage(points: Self.points(list), target: ring).coveredModeCount == 1)
        // A stricter or looser rule is one number away.
        #expect(ModeCoverage(points: Self.points(list), target: ring, minimumShare: 0.1).coveredModeCount == 2)
        #expect(ModeCoverage(points: Matrix(rows: 0, columns: 2), target: ring).coveredModeCount == 0)
    }
}
