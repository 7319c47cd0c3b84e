import Testing
@testable import Neural
import _AllocationCounter

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

/// Layers' buffers start on 64-byte boundaries, so their vectors never straddle two cache lines.
@Suite("Cache-aligned matrices")
struct CacheAlignedMatrixTests {
    static func address(_ matrix: Matrix) -> Int {
        matrix.storage.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) }
    }

    /// Whether blocks come from glibc's own allocator, which places blocks under 128 KiB at every offset
    /// from a boundary. A sanitizer's allocator places every block of a size at one offset, so there no
    /// buffer can be aligned; what is checked there is that the matrix is still right.
    static let allocatorCanAlign = gs_thread_allocation_count() >= 0

    @Test func buffersStartOnA64ByteBoundaryAndHoldZeros() {
        // Layer-sized buffers: 4 bytes × columns × rows, all under 128 KiB.
        for (columns, capacity) in [(32, 128), (32, 256), (2, 128), (1, 256), (64, 32), (3, 7), (1, 1), (100, 300)] {
            let matrix = Matrix.cacheAligned(rows: 0, columns: columns, capacity: capacity)
            if Self.allocatorCanAlign {
                #expect(Self.address(matrix) % 64 == 0, "\(columns) columns × \(capacity) rows")
            }
            #expect(matrix.rows == 0 && matrix.columns == columns && matrix.capacity == capacity)
            #expect(matrix.storage.count == columns * capacity && matrix.storage.allSatisfy { $0 == 0 })
        }
        let some = Matrix.cacheAligned(rows: 5, columns: 4, capacity: 10)
        #expect(some.rows == 5 && some.capacity == 10 && some.elements == [Float](repeating: 0, count: 20))
    }

    /// A buffer glibc may map straight from the system (1 MiB here) starts 16 bytes past a page boundary
    /// however often it is asked for; the matrix is still whole and zero, and holds what is written to it.
    @Test func aBufferNoAllocatorAlignsIsStillRight() {
        var matrix = Matrix.cacheAligned(rows: 3, columns: 1024, capacity: 256)
        #expect(matrix.rows == 3 && matrix.capacity == 256 && matrix.storage.count == 1024 * 256)
        #expect(matrix.storage.allSatisfy { $0 == 0 })
        matrix.resize(rows: 256)
        matrix[255, 1023] = 2
        #expect(matrix.storage.last == 2)
    }

    @Test func layersReserveAlignedBuffers() {
        var random = RandomSource(seed: 1)
        var dense = Dense(inputSize: 32, outputSize: 32, initializer: .he, random: &random)
        var relu = ActivationLayer(.relu, size: 32)
        dense.reserve(batchCapacity: 128)
        relu.reserve(batchCapacity: 128)
        for matrix in [dense.output, dense.inputGradient, relu.output, relu.inputGradient] {
            #expect(matrix.capacity == 128 && matrix.storage.allSatisfy { $0 == 0 })
            if Self.allocatorCanAlign { #expect(Self.address(matrix) % 64 == 0) }
        }
    }
}
