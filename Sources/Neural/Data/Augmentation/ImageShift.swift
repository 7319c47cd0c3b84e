/// Moves an image by whole pixels: `right` columns to the right and `down` rows down (negative values move
/// left and up). Pixels moved in from outside take `background`.
///
///     shifted[y][x] = image[y − down][x − right]   when that pixel exists, else background
public struct ImageShift: Sendable, Hashable {
    public var right: Int
    public var down: Int
    public var background: Float

    public init(right: Int, down: Int, background: Float = 0) {
        self.right = right
        self.down = down
        self.background = background
    }

    /// Shifts `image` (one image of `shape`, row after row) into `result`, which must hold as many pixels.
    public func apply(_ image: UnsafeBufferPointer<Float>, shape: ImageShape, into result: UnsafeMutableBufferPointer<Float>) {
        for y in 0..<shape.height {
            let sourceY = y - down
            for x in 0..<shape.width {
                let sourceX = x - right
                let inside = sourceY >= 0 && sourceY < shape.height && sourceX >= 0 && sourceX < shape.width
                result[y * shape.width + x] = inside ? image[sourceY * shape.width + sourceX] : background
            }
        }
    }

    /// The shifted copy of `image`.
    public func apply(_ image: [Float], shape: ImageShape) -> [Float] {
        precondition(image.count == shape.pixelCount, "a \(shape.width)×\(shape.height) image has \(shape.pixelCount) pixels, not \(image.count)")
        var result = [Float](repeating: 0, count: image.count)
        image.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { apply(source, shape: shape, into: $0) }
        }
        return result
    }
}
