import Testing
@testable import Neural

/// The C kernels' small-product path (products one to three columns wide, read straight from A and B),
/// each variant the CPU can run, against the readable triple loop. Variants this CPU cannot run are listed
/// as skipped with the reason.
@Suite("Small-product path")
struct SmallProductTests {
    typealias Variant = MatrixProduct.Variant

    @Test(.enabled(if: Variant.plain.isSupported, "this CPU cannot run the plain kernels"))
    func plainAgreesOnEveryShape() { Self.checkEveryShape(.plain) }

    @Test(.enabled(if: Variant.avx2.isSupported, "this CPU cannot run the AVX2 kernels (or this is not x86-64): NOT RUN"))
    func avx2AgreesOnEveryShape() { Self.checkEveryShape(.avx2) }

    @Test(.enabled(if: Variant.avx512.isSupported, "this CPU cannot run the AVX-512 kernels (or this is not x86-64): NOT RUN"))
    func avx512AgreesOnEveryShape() { Self.checkEveryShape(.avx512) }

    @Test(.enabled(if: Variant.neon.isSupported, "this CPU has no NEON kernels (not arm64): NOT RUN"))
    func neonAgreesOnEveryShape() { Self.checkEveryShape(.neon) }

    /// Every shape from 0 to 40 in each dimension, A read along its rows and down its columns, on quarters
    /// (sums exact in a Float, so every element must equal the reference's bit for bit).
    static func checkEveryShape(_ variant: Variant) {
        var wrongShapes: [String] = []
        for rows in 0...40 {
            for inner in 0...40 {
                let a = MatrixProductVariantTests.quarters(rows, inner, seed: rows + inner)
                let aTransposed = a.transposed()
                for columns in 0...40 {
                    let b = MatrixProductVariantTests.quarters(inner, columns, seed: columns)
                    let expected = MatrixProduct.reference(a, b)
                    let plain = narrow(a, b, rows: rows, inner: inner, columns: columns, rowStride: inner, innerStride: 1, variant: variant)
                    if plain != expected.elements { wrongShapes.append("\(rows)×\(inner)·\(inner)×\(columns)") }
                    let transposed = narrow(aTransposed, b, rows: rows, inner: inner, columns: columns, rowStride: 1, innerStride: rows,
                                            variant: variant)
                    if transposed != expected.elements { wrongShapes.append("(\(inner)×\(rows))ᵀ·\(inner)×\(columns)") }
                }
            }
        }
        #expect(wrongShapes.isEmpty, "\(variant): \(wrongShapes.count) shapes wrong, first \(wrongShapes.prefix(8))")
    }

    @Test(arguments: Variant.supported)
    func smallInnerPathAgreesOnEveryShape(variant: Variant) {
        // Floats per vector: the path takes products at least one vector wide.
        let lanes = switch variant {
        case .avx512: 16
        case .avx2: 8
        case .plain, .neon: 4
        }
        var wrongShapes: [String] = []
        for rows in 0...40 {
            for inner in 0...6 {
                let a = MatrixProductVariantTests.quarters(rows, inner, seed: rows + inner)
                let aTransposed = a.transposed()
                for columns in 0...70 {
                    let b = MatrixProductVariantTests.quarters(inner, columns, seed: columns)
                    let expected = MatrixProduct.reference(a, b).elements
                    let takes = rows > 0 && (1...4).contains(inner) && columns >= lanes
                    for transposed in [false, true] {
                        var c = [Float](repeating: .nan, count: rows * columns)
                        let source = transposed ? aTransposed : a
                        let handled = source.storage.withUnsafeBufferPointer { aBuffer in
                            b.storage.withUnsafeBufferPointer { bBuffer in
                                c.withUnsafeMutableBufferPointer { cBuffer in
                                    guard let aBase = aBuffer.baseAddress, let bBase = bBuffer.baseAddress,
                                          let cBase = cBuffer.baseAddress else { return false }
                                    return MatrixProduct.multiplySmallInner(aBase, bBase, cBase, rows: rows, inner: inner, columns: columns,
                                                                            rowStride: transposed ? 1 : inner,
                                                                            innerStride: transposed ? rows : 1, variant: variant)
                                }
                            }
                        }
                        if handled != takes || (handled && c != expected) {
                            wrongShapes.append("\(transposed ? "(A)ᵀ " : "")\(rows)×\(inner)·\(inner)×\(columns)")
                        }
                    }
                }
            }
        }
        #expect(wrongShapes.isEmpty, "\(variant): \(wrongShapes.count) shapes wrong, first \(wrongShapes.prefix(8))")
    }

    /// C = A·B through the small-product path alone, C first filled with NaN so an unwritten element shows.
    static func narrow(_ a: Matrix, _ b: Matrix, rows: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int,
                       variant: Variant) -> [Float] {
        var c = [Float](repeating: .nan, count: rows * columns)
        a.storage.withUnsafeBufferPointer { aBuffer in
            b.storage.withUnsafeBufferPointer { bBuffer in
                c.withUnsafeMutableBufferPointer { cBuffer in
                    guard let aBase = aBuffer.baseAddress, let bBase = bBuffer.baseAddress, let cBase = cBuffer.baseAddress else { return }
                    MatrixProduct.multiplyNarrow(aBase, bBase, cBase, rows: rows, inner: inner, columns: columns,
                                                 rowStride: rowStride, innerStride: innerStride, variant: variant)
                }
            }
        }
        return c
    }

    /// The GAN's layers (G 2-32-32-2 and D 2-32-32-1 at batch 128, D at 256), the digits network at batch 32,
    /// and inner dimensions past the path's 512-step block, on random numbers through every product a dense
    /// layer takes: forward Z = X·Wᵀ, ∂L/∂W = (∂L/∂Z)ᵀ·X, ∂L/∂X = (∂L/∂Z)·W. The sums are added in another
    /// order than the reference's, so they agree to rounding.
    @Test(arguments: [Variant?.none] + Variant.supported.map(Optional.some))
    func layerShapesAgree(variant: Variant?) {
        let layers = [(128, 2, 32), (128, 32, 32), (128, 32, 2), (256, 2, 32), (256, 32, 32), (256, 32, 1), (128, 32, 1),
                      (32, 64, 64), (32, 64, 10), (10, 8, 1), (33, 700, 3), (1100, 2, 1), (5, 1030, 2)]
        for (rows, inner, columns) in layers {
            let x = KernelTests.randomMatrix(rows, inner, seed: 21)
            let weightsTransposed = KernelTests.randomMatrix(inner, columns, seed: 22)
            let gradient = KernelTests.randomMatrix(rows, columns, seed: 23)
            let weights = weightsTransposed.transposed()
            let tolerance = 2e-6 * Float(max(inner, rows, columns))
            let name = variant.map { "\($0)" } ?? "the engine's own choice"
            var z = Matrix(rows: 0, columns: columns, capacity: rows)
            MatrixProduct.multiply(x, weightsTransposed, into: &z, variant: variant)
            let forward = KernelTests.maxDifference(z, MatrixProduct.reference(x, weightsTransposed))
            #expect(forward <= tolerance, "\(name) forward \(rows)×\(inner)·\(inner)×\(columns): off by \(forward)")
            var weightGradient = Matrix(rows: columns, columns: inner)
            MatrixProduct.multiplyTransposingA(gradient, x, into: &weightGradient, variant: variant)
            let backward = KernelTests.maxDifference(weightGradient, MatrixProduct.reference(gradient.transposed(), x))
            #expect(backward <= tolerance, "\(name) weight gradient of \(rows)×\(inner)·\(inner)×\(columns): off by \(backward)")
            var inputGradient = Matrix(rows: rows, columns: inner)
            MatrixProduct.multiply(gradient, weights, into: &inputGradient, variant: variant)
            let input = KernelTests.maxDifference(inputGradient, MatrixProduct.reference(gradient, weights))
            #expect(input <= tolerance, "\(name) input gradient of \(rows)×\(inner)·\(inner)×\(columns): off by \(input)")
        }
    }
}
