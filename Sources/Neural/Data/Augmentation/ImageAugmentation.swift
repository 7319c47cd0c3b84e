/// New training images made from old ones: each image shifted by a few pixels, turned by a small angle and
/// sprinkled with noise, all drawn from a seed, so a network sees the same digit in slightly different
/// places and learns the shape rather than the position.
///
/// For each image, in this order: a shift of `−maxShift…maxShift` pixels in each direction, a rotation by a
/// uniform angle in `±maxDegrees`, then Gaussian noise of standard deviation `noise` added to every pixel
/// (clamped to `valueRange` when one is given). The same seed gives the same images bit for bit.
public struct ImageAugmentation: Sendable, Hashable {
    public var shape: ImageShape
    public var maxShift: Int
    public var maxDegrees: Double
    public var noise: Float
    /// The pixel values allowed after noise (the digits lie in 0…16), or `nil` for no clamping.
    public var valueRange: ClosedRange<Float>?
    public var background: Float

    public init(shape: ImageShape, maxShift: Int = 1, maxDegrees: Double = 10, noise: Float = 0,
                valueRange: ClosedRange<Float>? = nil, background: Float = 0) {
        self.shape = shape
        self.maxShift = max(0, maxShift)
        self.maxDegrees = max(0, maxDegrees)
        self.noise = max(0, noise)
        self.valueRange = valueRange
        self.background = background
    }

    /// One augmented copy of every row of `images`, drawn from `seed`.
    public func apply(to images: Matrix, seed: UInt64) -> Matrix {
        precondition(images.columns == shape.pixelCount, "\(shape.width)×\(shape.height) images need \(shape.pixelCount) columns, not \(images.columns)")
        var random = RandomSource(seed: seed)
        var result = Matrix(rows: images.rows, columns: images.columns)
        var shifted = [Float](repeating: 0, count: shape.pixelCount)
        var turned = [Float](repeating: 0, count: shape.pixelCount)
        for row in 0..<images.rows {
            let right = maxShift > 0 ? random.nextIndex(below: 2 * maxShift + 1) - maxShift : 0
            let down = maxShift > 0 ? random.nextIndex(below: 2 * maxShift + 1) - maxShift : 0
            let degrees = maxDegrees > 0 ? Double(random.uniform(-1...1)) * maxDegrees : 0
            images.storage.withUnsafeBufferPointer { storage in
                let image = UnsafeBufferPointer(rebasing: storage[(row * images.columns)..<((row + 1) * images.columns)])
                shifted.withUnsafeMutableBufferPointer {
                    ImageShift(right: right, down: down, background: background).apply(image, shape: shape, into: $0)
                }
            }
            shifted.withUnsafeBufferPointer { source in
                turned.withUnsafeMutableBufferPointer {
                    ImageRotation(degrees: degrees, background: background).apply(source, shape: shape, into: $0)
                }
            }
            for column in 0..<images.columns {
                var value = turned[column]
                if noise > 0 { value += random.normal(mean: 0, standardDeviation: noise) }
                if let valueRange { value = min(valueRange.upperBound, max(valueRange.lowerBound, value)) }
                result[row, column] = value
            }
        }
        return result
    }

    /// The dataset with `copies` augmented copies of every example appended after the originals, each copy
    /// keeping its example's target.
    public func augmented(_ dataset: Dataset, copies: Int, seed: UInt64) -> Dataset {
        guard copies > 0 else { return dataset }
        var features = dataset.features.elements
        var targets = dataset.targets.elements
        for copy in 0..<copies {
            features += apply(to: dataset.features, seed: seed &+ UInt64(copy) &* 0x9E37_79B9_7F4A_7C15).elements
            targets += dataset.targets.elements
        }
        var result = dataset
        let rows = dataset.count * (copies + 1)
        result.features = Matrix(rows: rows, columns: dataset.features.columns, elements: features)
        result.targets = Matrix(rows: rows, columns: dataset.targets.columns, elements: targets)
        return result
    }
}
