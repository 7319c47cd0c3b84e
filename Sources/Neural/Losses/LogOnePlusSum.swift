import Foundation

/// Σ log(1 + xᵢ) over many xᵢ ∈ [0, 1] with one logarithm per 512 terms instead of one `log1p` each:
///
///     Σ log(1 + xᵢ) = log Π (1 + xᵢ)
///
/// The product is kept in Double: each factor lies in [1, 2], so 512 of them stay below 2⁵¹², far inside
/// Double's range, and rounding the product leaves the sum within about 10⁻¹³ of itself. The cross-entropy
/// of a logit needs exactly this term, log(1 + e^(−|z|)), at every output; its gradient does not, so the
/// numbers a network trains on are the same whichever way the loss is added up.
struct LogOnePlusSum {
    private var product: Double = 1
    private var factors = 0
    private var logarithms: Double = 0

    @inline(__always)
    mutating func add(_ x: Float) {
        product *= 1 + Double(x)
        factors += 1
        if factors == 512 {
            logarithms += Foundation.log(product)
            product = 1
            factors = 0
        }
    }

    /// The sum of log(1 + x) over every x added so far.
    var total: Double { logarithms + Foundation.log(product) }
}
