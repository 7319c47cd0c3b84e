/// The shape of a grey image stored as one row of a matrix: `height` rows of `width` pixels, row after row
/// (the digits are 8 × 8 images in rows of 64 numbers).
public struct ImageShape: Sendable, Hashable {
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        precondition(width > 0 && height > 0, "an image needs at least one pixel")
        self.width = width
        self.height = height
    }

    public var pixelCount: Int { width * height }
}
