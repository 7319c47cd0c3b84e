import Testing
@testable import Neural

/// Products shared among threads give exactly the single-thread result: each thread computes whole rows
/// (or whole columns) of C with the same sums in the same order.
@Suite("Matrix products on several threads")
struct ParallelProductTests {
    // (rows, inner, columns): split by rows; split by columns (too few rows to go round); ragged blocks;
    // a last block of columns narrow enough for the AVX2 kernel, with an inner dimension of several blocks;
    // and one too small to be worth sharing.
    @Test(arguments: [(200, 128, 96), (10, 512, 512), (97, 300, 100), (10, 2000, 140), (8, 8, 8)])
    func sharedProductEqualsSingleThread(shape: (Int, Int, Int)) {
        let (rows, inner, columns) = shape
        let a = KernelTests.randomMatrix(rows, inner, seed: 21), b = KernelTests.randomMatrix(inner, columns, seed: 22)
        var single = Matrix(rows: rows, columns: columns)
        MatrixProduct.multiply(a, b, into: &single)
        #expect(KernelTests.maxDifference(single, MatrixProduct.reference(a, b)) <= 2e-6 * Float(inner))
        for threads in [2, 3, 8] {
            var shared = Matrix(rows: rows, columns: columns, repeating: .nan)
            MatrixProduct.$threads.withValue(threads) { MatrixProduct.multiply(a, b, into: &shared) }
            #expect(shared.elements == single.elements, "\(threads) threads on \(rows)×\(inner)·\(inner)×\(columns)")
            let aTransposed = a.transposed()
            var transposed = Matrix(rows: rows, columns: columns, repeating: .nan)
            MatrixProduct.$threads.withValue(threads) { MatrixProduct.multiplyTransposingA(aTransposed, b, into: &transposed) }
            #expect(transposed.elements == single.elements, "\(threads) threads on (\(inner)×\(rows))ᵀ·\(inner)×\(columns)")
        }
    }

    @Test func threadCountIsScopedToTheWorkThatAskedForIt() {
        #expect(MatrixProduct.threads == 1)
        MatrixProduct.$threads.withValue(4) { #expect(MatrixProduct.threads == 4) }
        #expect(MatrixProduct.threads == 1)
    }
}
