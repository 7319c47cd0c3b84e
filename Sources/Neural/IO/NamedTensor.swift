/// A named block of `Float`s with a shape, as stored in a safetensors file: one layer's weights,
/// its biases, or a scaler's fitted means.
///
/// `values` are in row-major order (the last dimension varies fastest), as in NumPy and PyTorch, so a
/// weight matrix of 3 rows and 4 columns has shape `[3, 4]` and its 12 values row after row. A shape
/// of `[]` is a single number.
public struct NamedTensor: Sendable, Equatable {
    /// The key in the file, such as `layers.0.weights`.
    public var name: String
    /// The size of each dimension, outermost first.
    public var shape: [Int]
    /// The numbers, row-major.
    public var values: [Float]

    public init(name: String, shape: [Int], values: [Float]) {
        self.name = name
        self.shape = shape
        self.values = values
    }

    /// A matrix as a tensor of shape `[rows, columns]`.
    public init(name: String, matrix: Matrix) {
        self.init(name: name, shape: [matrix.rows, matrix.columns], values: matrix.elements)
    }

    /// A list of numbers as a tensor of shape `[count]`.
    public init(name: String, vector: [Float]) {
        self.init(name: name, shape: [vector.count], values: vector)
    }

    /// The number of values the shape calls for (the product of its dimensions), or `nil` when a
    /// dimension is negative or the product overflows.
    public var elementCount: Int? {
        var product = 1
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (next, overflow) = product.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            product = next
        }
        return product
    }

    /// The tensor as a matrix when it has two dimensions (a one-dimensional tensor becomes a single
    /// row); `nil` for other shapes or when the values do not fill the shape.
    public var matrix: Matrix? {
        switch shape.count {
        case 1 where shape[0] == values.count:
            return Matrix(rows: 1, columns: shape[0], elements: values)
        case 2 where elementCount == values.count:
            return Matrix(rows: shape[0], columns: shape[1], elements: values)
        default:
            return nil
        }
    }
}
