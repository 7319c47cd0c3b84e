/// The kernels the `convolution` widget slides over a digit, each defined for any odd or even size k.
///
/// - `vertical`: −1 in the left half of the columns, +1 in the right half (0 in a middle column): large where
///   the image gets brighter from left to right, so it answers to the left edge of a vertical stroke.
/// - `horizontal`: the same turned a quarter: −1 in the top rows, +1 in the bottom rows.
/// - `blur`: every weight 1/k², the mean of the window.
enum ConvolutionKernel: String, CaseIterable, Equatable, Sendable {
    case vertical, horizontal, blur

    /// The kernel's k × k weights, row after row.
    func weights(size k: Int) -> [Float] {
        var weights = [Float](repeating: 0, count: k * k)
        for row in 0..<k {
            for column in 0..<k {
                let weight: Float
                switch self {
                case .vertical: weight = Self.sign(column, size: k)
                case .horizontal: weight = Self.sign(row, size: k)
                case .blur: weight = 1 / Float(k * k)
                }
                weights[row * k + column] = weight
            }
        }
        return weights
    }

    /// −1 before the middle, +1 after it, 0 on it (a 1 × 1 kernel has nothing either side, so it copies).
    private static func sign(_ index: Int, size k: Int) -> Float {
        if k == 1 { return 1 }
        let twice = 2 * index - (k - 1)
        return twice < 0 ? -1 : (twice > 0 ? 1 : 0)
    }

    var summary: String {
        switch self {
        case .vertical: "vertical edges"
        case .horizontal: "horizontal edges"
        case .blur: "blur"
        }
    }

    /// The next kernel, for the `k` key.
    var next: ConvolutionKernel {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
