import Testing
@testable import Neural

/// Mean absolute error and Huber loss: values worked by hand, gradients against finite differences.
@Suite("Mean absolute error and Huber loss")
struct RobustLossTests {
    typealias Evaluate = ([Float], [Float]) -> (loss: Float, gradient: [Float])

    static func absolute(_ a: [Float], _ y: [Float]) -> (loss: Float, gradient: [Float]) {
        var gradient = [Float](repeating: .nan, count: a.count)
        let loss = MeanAbsoluteError.evaluate(a, y, &gradient, count: a.count)
        return (loss, gradient)
    }

    static func huber(delta: Float) -> Evaluate {
        { a, y in
            var gradient = [Float](repeating: .nan, count: a.count)
            let loss = HuberLoss.evaluate(a, y, &gradient, count: a.count, delta: delta)
            return (loss, gradient)
        }
    }

    @Test func meanAbsoluteErrorOfAWorkedExample() {
        // Errors 0.5, −2, 3, 0: L = (0.5 + 2 + 3 + 0) / 4 = 1.375; gradients ±1/4, and 0 at no error.
        let (loss, gradient) = Self.absolute([1.5, 0, 4, 2], [1, 2, 1, 2])
        #expect(abs(loss - 1.375) < 1e-6)
        #expect(gradient == [0.25, -0.25, 0.25, 0])
    }

    @Test func huberIsHalfTheSquareInsideDeltaAndStraightOutside() {
        // δ = 1. Errors 0.5 → ½·0.25 = 0.125; −2 → 1·(2 − 0.5) = 1.5; 3 → 2.5; 0 → 0. Mean 4.125 / 4.
        let (loss, gradient) = Self.huber(delta: 1)([1.5, 0, 4, 2], [1, 2, 1, 2])
        #expect(abs(loss - 1.03125) < 1e-6)
        // The gradient is the error clamped to ±δ, over N: 0.5/4, −1/4, 1/4, 0.
        #expect(gradient == [0.125, -0.25, 0.25, 0])
    }

    @Test func anOutlierPullsNoHarderThanDeltaUnderHuberButInProportionUnderSquaredError() {
        // An error of 100 on one number: squared error pulls with 2·100, Huber with δ = 1.
        var squared: Float = 0
        var gradient: Float = 0
        squared = MeanSquaredError.evaluate([100], [0], &gradient, count: 1)
        #expect(squared == 10_000 && gradient == 200)
        let huber = Self.huber(delta: 1)([100], [0])
        #expect(huber.loss == 99.5 && huber.gradient == [1])
        #expect(Self.absolute([100], [0]).gradient == [1])
    }

    @Test(arguments: [Float(0.5), 1, 2])
    func gradientsMatchCentralDifferences(delta: Float) {
        var random = RandomSource(seed: 7)
        let a = (0..<12).map { _ in random.uniform(-3...3) }
        let y = (0..<12).map { _ in random.uniform(-3...3) }
        for (name, evaluate) in [("mae", Self.absolute as Evaluate), ("huber \(delta)", Self.huber(delta: delta))] {
            let analytic = evaluate(a, y).gradient
            for index in a.indices {
                // Step well inside the distance to a kink (|e| = 0, and |e| = δ for Huber) so the slope is one piece.
                let error = abs(a[index] - y[index])
                let step = min(Float(1e-2), 0.25 * min(error, abs(error - delta)))
                var up = a, down = a
                up[index] += step
                down[index] -= step
                let numeric = (evaluate(up, y).loss - evaluate(down, y).loss) / (2 * step)
                #expect(abs(numeric - analytic[index]) < 2e-3, "\(name) at \(index): \(numeric) vs \(analytic[index])")
            }
        }
    }
}
