/// Softmax: turns a row of scores into probabilities.
///
///     aᵢ = e^(zᵢ) / Σⱼ e^(zⱼ)
///     ∂aᵢ/∂zⱼ = aᵢ(δᵢⱼ − aⱼ)
///     ∂L/∂zᵢ = aᵢ · (∂L/∂aᵢ − Σⱼ ∂L/∂aⱼ · aⱼ)
///
/// Subtracting the row's largest score before exponentiating changes nothing mathematically (it cancels
/// in the fraction) but keeps every e^x ≤ 1, so large scores never overflow.
public enum Softmax {
    public static func forward(_ z: UnsafePointer<Float>, _ a: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        for row in 0..<rows {
            let zRow = z + row * columns, aRow = a + row * columns
            var largest = -Float.infinity
            for column in 0..<columns { largest = max(largest, zRow[column]) }
            var total: Float = 0
            for column in 0..<columns {
                let e = _exp(zRow[column] - largest)
                aRow[column] = e
                total += e
            }
            let scale = 1 / total
            for column in 0..<columns { aRow[column] *= scale }
        }
    }

    public static func backward(a: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                                inputGradient: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        for row in 0..<rows {
            let aRow = a + row * columns, gRow = outputGradient + row * columns, out = inputGradient + row * columns
            var weighted: Float = 0
            for column in 0..<columns { weighted += gRow[column] * aRow[column] }
            for column in 0..<columns { out[column] = aRow[column] * (gRow[column] - weighted) }
        }
    }
}
