import Foundation

/// Turns an image by a small angle about its centre, counter-clockwise on the screen for a positive angle,
/// reading between pixels by bilinear interpolation. Pixels that come from outside take `background`.
///
/// Each output pixel looks up where it came from: with the centre `(cx, cy) = ((w − 1)/2, (h − 1)/2)`
/// and `dx = x − cx`, `dy = y − cy` (y grows downwards),
///
///     sourceX = cx + cos θ·dx − sin θ·dy
///     sourceY = cy + sin θ·dx + cos θ·dy
///
/// and the value there is the bilinear mix of the four pixels around it:
/// `(1−a)(1−b)·p₀₀ + a(1−b)·p₁₀ + (1−a)b·p₀₁ + ab·p₁₁` with `a`, `b` the fractional parts.
public struct ImageRotation: Sendable, Hashable {
    public var degrees: Double
    public var background: Float

    public init(degrees: Double, background: Float = 0) {
        self.degrees = degrees
        self.background = background
    }

    public func apply(_ image: UnsafeBufferPointer<Float>, shape: ImageShape, into result: UnsafeMutableBufferPointer<Float>) {
        let angle = degrees * Double.pi / 180
        let cosine = cos(angle), sine = sin(angle)
        let centreX = Double(shape.width - 1) / 2, centreY = Double(shape.height - 1) / 2
        func pixel(_ x: Int, _ y: Int) -> Float {
            x >= 0 && x < shape.width && y >= 0 && y < shape.height ? image[y * shape.width + x] : background
        }
        for y in 0..<shape.height {
            for x in 0..<shape.width {
                let dx = Double(x) - centreX, dy = Double(y) - centreY
                let sourceX = centreX + cosine * dx - sine * dy
                let sourceY = centreY + sine * dx + cosine * dy
                let left = Int(sourceX.rounded(.down)), top = Int(sourceY.rounded(.down))
                let a = Float(sourceX - Double(left)), b = Float(sourceY - Double(top))
                var value = (1 - a) * (1 - b) * pixel(left, top)
                // Zero weights are skipped, so a pixel that lands exactly on a source pixel copies it bit for bit.
                if a != 0 { value += a * (1 - b) * pixel(left + 1, top) }
                if b != 0 { value += (1 - a) * b * pixel(left, top + 1) }
                if a != 0 && b != 0 { value += a * b * pixel(left + 1, top + 1) }
                result[y * shape.width + x] = value
            }
        }
    }

    /// The turned copy of `image`.
    public func apply(_ image: [Float], shape: ImageShape) -> [Float] {
        precondition(image.count == shape.pixelCount, "a \(shape.width)×\(shape.height) image has \(shape.pixelCount) pixels, not \(image.count)")
        var result = [Float](repeating: 0, count: image.count)
        image.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { apply(source, shape: shape, into: $0) }
        }
        return result
    }
}
