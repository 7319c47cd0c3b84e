import Testing
@testable import Neural

/// Every kernel variant the CPU can run, against the readable triple loop.
///
/// Variants this CPU cannot run are skipped, and Swift Testing lists them as skipped with the reason, so a
/// run on an AVX2 machine says the AVX-512 kernels were not tested rather than passing them silently.
@Suite("Matrix product kernel variants")
struct MatrixProductVariantTests {
    typealias Variant = MatrixProduct.Variant

    @Test(.enabled(if: Variant.plain.isSupported, "this CPU cannot run the plain kernels"))
    func plainAgreesOnEveryShape() { Self.checkEveryShape(.plain) }

    @Test(.enabled(if: Variant.avx2.isSupported, "this CPU cannot run the AVX2 kernels (or this is not x86-64): NOT RUN"))
    func avx2AgreesOnEveryShape() { Self.checkEveryShape(.avx2) }

    @Test(.enabled(if: Variant.avx512.isSupported, "this CPU cannot run the AVX-512 kernels (or this is not x86-64): NOT RUN"))
    func avx512AgreesOnEveryShape() { Self.checkEveryShape(.avx512) }

    @Test(.enabled(if: Variant.neon.isSupported, "this CPU has no NEON kernels (not arm64): NOT RUN"))
    func neonAgreesOnEveryShape() { Self.checkEveryShape(.neon) }

    /// What layers call: small Swift tiles for tiny products in a native build, the selected kernel otherwise.
    @Test func enginesOwnChoiceAgreesOnEveryShape() { Self.checkEveryShape(nil) }

    /// Only the supported variants are arguments; the every-shape tests above report the others as skipped.
    @Test(arguments: Variant.supported)
    func layerShapesAgree(variant: Variant) {
        Self.checkLayerShapes(variant)
    }

    /// Products large enough for the kernels' blocked paths: B copied a block of 256 steps × 256 columns at a
    /// time, transposed A copied tile by tile, k summed in several blocks, ragged rows and columns at every
    /// block's edge, and narrow products with a long inner dimension handed to the AVX2 kernel.
    /// On quarters every partial sum is a multiple of 1/16 far below 2²⁰, so it is exact whatever the order
    /// of additions, and the kernels must match the reference bit for bit.
    @Test(arguments: Variant.supported)
    func largeProductsAgreeExactly(variant: Variant) {
        let shapes = [(301, 300, 301), (37, 600, 530), (100, 257, 17), (25, 1000, 9), (60, 513, 260)]
        for (rows, inner, columns) in shapes {
            let a = Self.quarters(rows, inner, seed: 3), b = Self.quarters(inner, columns, seed: 5)
            let expected = MatrixProduct.reference(a, b)
            var c = Matrix(rows: rows, columns: columns, repeating: .nan)
            MatrixProduct.multiply(a, b, into: &c, variant: variant)
            #expect(c.elements == expected.elements, "\(variant) \(rows)×\(inner)·\(inner)×\(columns)")
            var t = Matrix(rows: rows, columns: columns, repeating: .nan)
            MatrixProduct.multiplyTransposingA(a.transposed(), b, into: &t, variant: variant)
            #expect(t.elements == expected.elements, "\(variant) (\(inner)×\(rows))ᵀ·\(inner)×\(columns)")
        }
    }

    /// A matrix of multiples of 1/4 between -1 and 1. Products of two are multiples of 1/16, and sums of up
    /// to 40 of them are exact in a Float, so every variant must match the reference bit for bit whatever
    /// order it adds in: a misplaced element cannot hide inside a tolerance.
    static func quarters(_ rows: Int, _ columns: Int, seed: Int) -> Matrix {
        Matrix(rows: rows, columns: columns,
               elements: (0..<rows * columns).map { Float(($0 &* 7919 &+ seed &* 104_729) % 9 - 4) / 4 })
    }

    /// Every shape from 0 to 40 in each dimension, with A plain and A read transposed.
    static func checkEveryShape(_ variant: Variant?) {
        var wrongShapes: [String] = []
        for rows in 0...40 {
            for inner in 0...40 {
                let a = quarters(rows, inner, seed: rows + inner)
                let aTransposed = a.transposed()
                for columns in 0...40 {
                    let b = quarters(inner, columns, seed: columns)
                    let expected = MatrixProduct.reference(a, b)
                    var c = Matrix(rows: rows, columns: columns, repeating: .nan)
                    MatrixProduct.multiply(a, b, into: &c, variant: variant)
                    if c.shape != [rows, columns] || c.elements != expected.elements {
                        wrongShapes.append("\(rows)×\(inner)·\(inner)×\(columns)")
                    }
                    var t = Matrix(rows: rows, columns: columns, repeating: .nan)
                    MatrixProduct.multiplyTransposingA(aTransposed, b, into: &t, variant: variant)
                    if t.shape != [rows, columns] || t.elements != expected.elements {
                        wrongShapes.append("(\(inner)×\(rows))ᵀ·\(inner)×\(columns)")
                    }
                }
            }
        }
        let name = variant.map { "\($0)" } ?? "the engine's own choice"
        #expect(wrongShapes.isEmpty, "\(name): \(wrongShapes.count) shapes wrong, first \(wrongShapes.prefix(8))")
    }

    /// The lessons' layers (batch 10 on 2-8-8-1 networks), the digits networks at batch 32 and 256, and
    /// shapes past the kernels' blocks (256 steps of the inner dimension, 192 rows), on random numbers:
    /// there the order of additions differs from the reference, so they agree to rounding.
    static func checkLayerShapes(_ variant: Variant) {
        // (rows, inner, columns) of Z = X·Wᵀ for each layer; the backward products reuse the same sizes.
        let layers = [(10, 2, 8), (10, 8, 8), (10, 8, 1), (10, 2, 4), (10, 4, 1), (10, 3, 2), (500, 2, 8),
                      (32, 64, 64), (32, 64, 10), (256, 64, 1024), (256, 1024, 10), (257, 300, 45), (400, 513, 70)]
        for (rows, inner, columns) in layers {
            let x = KernelTests.randomMatrix(rows, inner, seed: 11)
            let weightsTransposed = KernelTests.randomMatrix(inner, columns, seed: 12)
            let gradient = KernelTests.randomMatrix(rows, columns, seed: 13)
            let weights = weightsTransposed.transposed()
            let tolerance = 2e-6 * Float(max(inner, rows, columns))
            var z = Matrix(rows: 0, columns: columns, capacity: rows)
            MatrixProduct.multiply(x, weightsTransposed, into: &z, variant: variant)
            let forward = KernelTests.maxDifference(z, MatrixProduct.reference(x, weightsTransposed))
            #expect(forward <= tolerance, "\(variant) forward \(rows)×\(inner)·\(inner)×\(columns): off by \(forward)")
            var weightGradient = Matrix(rows: columns, columns: inner)
            MatrixProduct.multiplyTransposingA(gradient, x, into: &weightGradient, variant: variant)
            let backward = KernelTests.maxDifference(weightGradient, MatrixProduct.reference(gradient.transposed(), x))
            #expect(backward <= tolerance, "\(variant) weight gradient of \(rows)×\(inner)·\(inner)×\(columns): off by \(backward)")
            var inputGradient = Matrix(rows: rows, columns: inner)
            MatrixProduct.multiply(gradient, weights, into: &inputGradient, variant: variant)
            let input = KernelTests.maxDifference(inputGradient, MatrixProduct.reference(gradient, weights))
            #expect(input <= tolerance, "\(variant) input gradient of \(rows)×\(inner)·\(inner)×\(columns): off by \(input)")
        }
    }

    /// The engine uses the widest variant the CPU runs: the compiled one in a native build (whose target
    /// is this CPU), the CPUID answer in a portable build. Checked against /proc/cpuinfo's own flags.
    @Test func dispatcherPicksTheWidestSupportedVariant() throws {
        let widest = Variant.widestSupported
        #expect(widest.isSupported)
        for wider in Variant.allCases where wider.rawValue > widest.rawValue && wider != .neon {
            #expect(!wider.isSupported, "\(wider) is supported but \(widest) was picked")
        }
        #if arch(x86_64) && os(Linux)
        let flags = try Self.cpuFlags()
        let expected: Variant = flags.isSuperset(of: ["avx512f", "avx512vl", "fma"]) ? .avx512
            : flags.isSuperset(of: ["avx2", "fma"]) ? .avx2 : .plain
        #expect(widest == expected, "CPU flags say \(expected), CPUID dispatch picked \(widest)")
        #expect(Variant.avx2.isSupported == flags.isSuperset(of: ["avx2", "fma"]))
        #expect(Variant.avx512.isSupported == flags.isSuperset(of: ["avx512f", "avx512vl", "fma"]))
        #elseif arch(arm64)
        #expect(widest == .neon)
        #endif
        if Variant.isPortableBuild {
            #expect(Variant.automatic == widest)
        } else {
            // A native build is compiled for this CPU, so what the compiler targets is what CPUID reports.
            #expect(Variant.compiled == widest)
            #expect(Variant.automatic == Variant.compiled)
        }
    }

    @Test func environmentRequestIsHonouredOrExplained() {
        #expect(Variant.Selection(requested: "plain").variant == .plain)
        #expect(Variant.Selection(requested: "plain").problem == nil)
        #expect(Variant.Selection(requested: nil).variant == Variant.automatic)
        let unknown = Variant.Selection(requested: "sse9")
        #expect(unknown.variant == Variant.automatic)
        #expect(unknown.problem?.contains("names no kernel variant") == true)
        for variant in Variant.allCases where !variant.isSupported {
            let selection = Variant.Selection(requested: variant.description)
            #expect(selection.variant == Variant.automatic)
            #expect(selection.problem?.contains("cannot run") == true)
        }
    }

    #if os(Linux)
    static func cpuFlags() throws -> Set<String> {
        let text = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("flags") })
        return Set(line.split(separator: " ").map(String.init))
    }
    #endif
}
