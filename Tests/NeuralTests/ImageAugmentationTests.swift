import Foundation
import Testing
@testable import Neural

@Suite("Image augmentation")
struct ImageAugmentationTests {
    let shape = ImageShape(width: 4, height: 3)
    /// Pixels 1…12, row after row, so every pixel is told apart.
    var image: [Float] { (1...12).map(Float.init) }

    @Test func aShiftByOnePixelMovesEveryPixel() {
        let right = ImageShift(right: 1, down: 0).apply(image, shape: shape)
        for y in 0..<3 {
            #expect(right[y * 4] == 0)
            for x in 1..<4 { #expect(right[y * 4 + x] == image[y * 4 + x - 1]) }
        }
        let up = ImageShift(right: 0, down: -1, background: -1).apply(image, shape: shape)
        #expect(up == [5, 6, 7, 8, 9, 10, 11, 12, -1, -1, -1, -1])
        #expect(ImageShift(right: 0, down: 0).apply(image, shape: shape) == image)
        #expect(ImageShift(right: 4, down: 0).apply(image, shape: shape) == Array(repeating: 0, count: 12))
    }

    @Test func rotationByZeroIsTheIdentityBitForBit() {
        let odd = ImageShape(width: 5, height: 5)
        let values = (0..<25).map { Float($0) * 0.37 - 2 }
        #expect(ImageRotation(degrees: 0).apply(values, shape: odd) == values)
        #expect(ImageRotation(degrees: 0).apply(image, shape: shape) == image)
    }

    @Test func aQuarterTurnOfASquareMovesPixelsAsDrawnByHand() {
        // 3×3, a single lit pixel in the middle of the top row. Output (x, y) reads source
        // (cx − dy, cy + dx) for θ = 90°: the lit source (1, 0) is read by output (0, 1), the middle of the left column.
        let square = ImageShape(width: 3, height: 3)
        let top: [Float] = [0, 1, 0, 0, 0, 0, 0, 0, 0]
        let turned = ImageRotation(degrees: 90).apply(top, shape: square)
        let expected: [Float] = [0, 0, 0, 1, 0, 0, 0, 0, 0]
        for (value, wanted) in zip(turned, expected) { #expect(abs(value - wanted) < 1e-6) }
        // Half way between pixels, bilinear interpolation averages: 45° keeps the centre and its total
        // stays within the image for a centred blob.
        let centre: [Float] = [0, 0, 0, 0, 9, 0, 0, 0, 0]
        #expect(abs(ImageRotation(degrees: 45).apply(centre, shape: square)[4] - 9) < 1e-5)
    }

    @Test func sameSeedSameBitsAndAnotherSeedOtherImages() throws {
        let digits = try Dataset.digits()
        let few = Matrix(rows: 20, columns: 64, elements: Array(digits.features.elements.prefix(20 * 64)))
        let augmentation = ImageAugmentation(shape: ImageShape(width: 8, height: 8), maxShift: 1, maxDegrees: 10,
                                             noise: 0.5, valueRange: 0...16)
        let first = augmentation.apply(to: few, seed: 3)
        let again = augmentation.apply(to: few, seed: 3)
        let other = augmentation.apply(to: few, seed: 4)
        #expect(first.elements.map(\.bitPattern) == again.elements.map(\.bitPattern))
        #expect(first.elements != other.elements)
        #expect(first.elements != few.elements)
        #expect(first.elements.allSatisfy { (0...16).contains($0) })
    }

    @Test func noiseHasTheRequestedSpread() {
        let blank = Matrix(rows: 50, columns: 64, repeating: 8)
        let augmentation = ImageAugmentation(shape: ImageShape(width: 8, height: 8), maxShift: 0, maxDegrees: 0, noise: 2)
        let noisy = augmentation.apply(to: blank, seed: 1).elements.map { Double($0) - 8 }
        let mean = noisy.reduce(0, +) / Double(noisy.count)
        let spread = (noisy.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(noisy.count)).squareRoot()
        #expect(abs(mean) < 0.15 && abs(spread - 2) < 0.15)
    }

    @Test func augmentedDatasetsKeepEachCopysTarget() throws {
        let digits = try Dataset.digits()
        let augmentation = ImageAugmentation(shape: ImageShape(width: 8, height: 8))
        let small = digits.subset(Array(0..<10))
        let bigger = augmentation.augmented(small, copies: 2, seed: 9)
        #expect(bigger.count == 30)
        #expect(Array(bigger.labels[10..<20]) == small.labels && Array(bigger.labels[20..<30]) == small.labels)
        #expect(Array(bigger.features.elements.prefix(640)) == small.features.elements)
    }
}
