import Foundation
import Testing
@testable import Neural

/// Σ log(1 + xᵢ) with one logarithm per 512 terms, against log1p added up term by term in Double, and the
/// binary cross-entropy built on it against the published formula.
@Suite("Sums of log(1 + x)")
struct LogOnePlusSumTests {
    @Test(arguments: [0, 1, 2, 511, 512, 513, 1024, 5000])
    func equalsTheSumOfLog1pInDouble(count: Int) {
        var sum = LogOnePlusSum()
        var exact = 0.0
        for index in 0..<count {
            // Every kind of value in [0, 1]: 0, 1, tiny ones where log(1 + x) ≈ x, and the range between.
            let x: Float = index % 7 == 0 ? 0 : index % 11 == 0 ? 1 : index % 5 == 0 ? 1e-9 * Float(index) : Float(index % 97) / 97
            sum.add(x)
            exact += log1p(Double(x))
        }
        #expect(abs(sum.total - exact) <= 1e-12 * max(1, exact), "\(count) terms: \(sum.total) against \(exact)")
    }

    /// L = mean of max(z, 0) − z·y + log(1 + e^(−|z|)) for logits z and targets y, worked in Double here.
    @Test func binaryCrossEntropyOfLogitsIsThePublishedFormula() {
        let logits: [Float] = (0..<1300).map { Float(($0 * 37) % 201 - 100) / 9 }
        let targets: [Float] = (0..<1300).map { $0 % 3 == 0 ? 1 : 0 }
        var gradient = [Float](repeating: 0, count: logits.count)
        let loss = BinaryCrossEntropy.evaluate(logits: logits, targets, &gradient, count: logits.count)
        let expected = zip(logits, targets).reduce(0.0) { total, pair in
            let (z, y) = (Double(pair.0), Double(pair.1))
            return total + max(z, 0) - z * y + log1p(exp(-abs(z)))
        } / Double(logits.count)
        #expect(abs(Double(loss) - expected) < 1e-5 * expected, "\(loss) against \(expected)")
    }
}
