/// A matrix of `Float`s stored row after row in one contiguous buffer (row-major), like a C array.
///
/// A batch of examples is a matrix with one example per row; a `Dense` layer's weights are a matrix with
/// one row per output neuron, as in PyTorch. The buffer may be larger than `rows × columns`: a matrix made
/// with a row *capacity* can shrink and grow up to it without reallocating, which lets a layer keep one
/// buffer for full batches and the smaller last batch of an epoch.
public struct Matrix: Sendable {
    /// The number of rows in use.
    public private(set) var rows: Int
    /// The number of columns.
    public let columns: Int
    /// The elements, row after row; only the first `rows × columns` are in use.
    public var storage: [Float]

    /// A matrix of `rows × columns` elements, all equal to `value`, with room for `capacity` rows.
    public init(rows: Int, columns: Int, repeating value: Float = 0, capacity: Int? = nil) {
        precondition(rows >= 0 && columns >= 0, "a matrix cannot have a negative size")
        let capacityRows = max(rows, capacity ?? rows)
        self.rows = rows
        self.columns = columns
        self.storage = [Float](repeating: value, count: capacityRows * columns)
    }

    /// A zero matrix of `rows × columns` with room for `capacity` rows whose buffer starts on a 64-byte
    /// boundary, where the allocator allows it: then no vector of up to 16 floats at a multiple of 16 from the
    /// start straddles two cache lines (a straddling load or store touches both, twice the work for a layer's
    /// output). Swift places an array's elements wherever the allocator puts the array, so this asks for
    /// buffers until one starts on a boundary, at most 64 times, and keeps the last one it gets. Each try asks
    /// for 16 bytes more spare room than the one before: blocks of one size laid end to end can all sit at the
    /// same offset from a boundary, blocks of growing sizes cannot.
    ///
    /// Some allocators never give a boundary, and then the buffer starts where it must: glibc hands a block of
    /// 128 KiB or more straight from the system, 16 bytes past a page boundary, and the address sanitizer's
    /// allocator puts every block at one offset for its size. Layers make their buffers with this once, in
    /// `reserve(batchCapacity:)`; the numbers never depend on where a buffer starts, only the speed does.
    public static func cacheAligned(rows: Int, columns: Int, capacity: Int) -> Matrix {
        var matrix = Matrix(rows: rows, columns: columns, capacity: capacity)
        let count = matrix.storage.count
        var tried: [[Float]] = []
        func startsOnABoundary(_ storage: [Float]) -> Bool {
            storage.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) % 64 == 0 }
        }
        while count > 0, tried.count < 64, !startsOnABoundary(matrix.storage) {
            // Held until the end, so the allocator cannot hand the same block back.
            tried.append(matrix.storage)
            let spare = 4 * tried.count
            matrix.storage = [Float](unsafeUninitializedCapacity: count + spare) { buffer, initialized in
                buffer.baseAddress!.initialize(repeating: 0, count: count)
                initialized = count
            }
        }
        return matrix
    }

    /// A matrix from its elements in row-major order.
    public init(rows: Int, columns: Int, elements: [Float]) {
        precondition(elements.count == rows * columns, "\(rows)×\(columns) needs \(rows * columns) elements, got \(elements.count)")
        self.rows = rows
        self.columns = columns
        self.storage = elements
    }

    /// A matrix from a list of rows, which must all have the same length.
    public init(_ rowList: [[Float]]) {
        let columns = rowList.first?.count ?? 0
        precondition(rowList.allSatisfy { $0.count == columns }, "every row needs \(columns) elements")
        self.init(rows: rowList.count, columns: columns, elements: rowList.flatMap { $0 })
    }

    /// The number of elements in use.
    @inlinable public var count: Int { rows * columns }

    /// The number of rows the buffer can hold without reallocating.
    @inlinable public var capacity: Int { columns == 0 ? rows : storage.count / columns }

    /// The shape as `[rows, columns]`, the order PyTorch and NumPy use.
    public var shape: [Int] { [rows, columns] }

    @inlinable public subscript(row: Int, column: Int) -> Float {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index (\(row), \(column)) outside \(rows)×\(columns)")
            return storage[row * columns + column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index (\(row), \(column)) outside \(rows)×\(columns)")
            storage[row * columns + column] = newValue
        }
    }

    /// The elements in use, row after row, in an array of their own (never the matrix's own buffer, so
    /// writing to either never makes the other copy).
    public var elements: [Float] { storage.fresh(count: count) }

    /// One row as an array.
    public func row(_ index: Int) -> [Float] {
        precondition(index >= 0 && index < rows, "row \(index) outside 0..<\(rows)")
        return Array(storage[index * columns ..< (index + 1) * columns])
    }

    /// Changes the number of rows in use; within the capacity this never allocates.
    /// Rows that come into use keep whatever values the buffer held.
    public mutating func resize(rows newRows: Int) {
        precondition(newRows >= 0, "a matrix cannot have a negative number of rows")
        if newRows * columns > storage.count {
            storage.append(contentsOf: repeatElement(0, count: newRows * columns - storage.count))
        }
        rows = newRows
    }

    /// Sets every element in use to `value`.
    public mutating func fill(_ value: Float) {
        let count = self.count
        storage.withUnsafeMutableBufferPointer { buffer in
            for index in 0..<count { buffer[index] = value }
        }
    }

    /// Copies the elements of `other`, which must have the same number of columns, changing `rows` to match.
    public mutating func copy(from other: Matrix) {
        precondition(other.columns == columns, "cannot copy \(other.columns) columns into \(columns)")
        resize(rows: other.rows)
        let count = other.count
        storage.withUnsafeMutableBufferPointer { target in
            other.storage.withUnsafeBufferPointer { source in
                guard count > 0 else { return }
                target.baseAddress!.update(from: source.baseAddress!, count: count)
            }
        }
    }

    /// The transpose: rows become columns.
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for row in 0..<rows {
            for column in 0..<columns {
                result.storage[column * rows + row] = storage[row * columns + column]
            }
        }
        return result
    }

    /// A matrix whose every element is `transform` applied to this one's.
    public func map(_ transform: (Float) -> Float) -> Matrix {
        Matrix(rows: rows, columns: columns, elements: storage[0..<count].map(transform))
    }
}

extension Matrix: Equatable {
    /// Two matrices are equal when their shapes and the elements in use are equal.
    public static func == (lhs: Matrix, rhs: Matrix) -> Bool {
        lhs.rows == rhs.rows && lhs.columns == rhs.columns && lhs.storage[0..<lhs.count] == rhs.storage[0..<rhs.count]
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        var lines: [String] = []
        for row in 0..<rows {
            lines.append((0..<columns).map { String(format: "%9.4f", Double(self[row, $0])) }.joined(separator: " "))
        }
        return "Matrix \(rows)×\(columns)\n" + lines.joined(separator: "\n")
    }
}
