/// The shape of one example as a layer sees it, outermost dimension first: `[64]` for 64 features,
/// `[1, 8, 8]` for one channel of 8 × 8 pixels (channels × height × width, as PyTorch orders them).
///
/// A batch stores each example's numbers in one row of a `Matrix`, in row-major order of this shape, so
/// a `[8, 4, 4]` example is a row of 128 numbers: channel 0's 16 pixels row by row, then channel 1's, ….
public struct TensorShape: Sendable, Hashable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// The size of each dimension, outermost first.
    public var dimensions: [Int]

    public init(_ dimensions: [Int]) { self.dimensions = dimensions }
    public init(arrayLiteral elements: Int...) { self.init(elements) }

    /// How many numbers one example holds: the product of the dimensions.
    public var count: Int { dimensions.reduce(1, *) }

    /// `64` or `1×8×8`.
    public var description: String { dimensions.map(String.init).joined(separator: "×") }

    /// The same with an `x` for terminals without Unicode: `1x8x8`.
    public var asciiDescription: String { dimensions.map(String.init).joined(separator: "x") }

    /// Whether the shape is an image: channels × height × width.
    public var isImage: Bool { dimensions.count == 3 }

    /// Channels, height and width of an image shape (see `isImage`).
    public var image: (channels: Int, height: Int, width: Int) {
        guard dimensions.count == 3 else { fatalError("the shape \(self) is not channels × height × width") }
        return (dimensions[0], dimensions[1], dimensions[2])
    }
}
