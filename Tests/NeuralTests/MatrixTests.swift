import Testing
@testable import Neural

@Suite("Matrix storage")
struct MatrixTests {
    @Test func rowMajorLayoutMatchesSubscripts() {
        let matrix = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(matrix.shape == [2, 3])
        #expect(matrix.storage == [1, 2, 3, 4, 5, 6])
        #expect(matrix[1, 0] == 4)
        #expect(matrix.transposed() == Matrix([[1, 4], [2, 5], [3, 6]]))
    }

    @Test func resizingWithinCapacityKeepsTheBuffer() {
        var matrix = Matrix(rows: 4, columns: 2, repeating: 7, capacity: 8)
        #expect(matrix.capacity == 8)
        matrix.resize(rows: 2)
        #expect(matrix.count == 4)
        #expect(matrix.storage.count == 16)
        #expect(matrix == Matrix(rows: 2, columns: 2, repeating: 7))
    }

    @Test func sameSeedSameNumbers() {
        var first = RandomSource(seed: 42)
        var second = RandomSource(seed: 42)
        var third = RandomSource(seed: 43)
        let a = (0..<100).map { _ in first.next() }
        #expect(a == (0..<100).map { _ in second.next() })
        #expect(a != (0..<100).map { _ in third.next() })
        let unit = (0..<10_000).map { _ in first.nextUnitFloat() }
        #expect(unit.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = unit.reduce(0, +) / Float(unit.count)
        #expect(abs(mean - 0.5) < 0.02)
    }
}
