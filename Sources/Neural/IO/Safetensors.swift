import Foundation

/// Reads and writes the safetensors format, so trained weights can be saved, reloaded, and opened by
/// PyTorch or NumPy (`safetensors.numpy.load_file`).
///
/// A file is:
/// 1. 8 bytes: the header length N, an unsigned little-endian integer;
/// 2. N bytes: a JSON object, padded with spaces to a multiple of 8 —
///    `{"__metadata__": {"key": "value"}, "weights": {"dtype": "F32", "shape": [3, 4], "data_offsets": [0, 48]}, …}`;
/// 3. the tensors' bytes, packed one after another with no gaps. Data offsets count from the first
///    byte after the header, `[begin, end)`.
///
/// Only little-endian float32 (`F32`) tensors are supported, which is everything the engine stores.
/// Reading checks every rule above and reports the first broken one; tensors come back in the order of
/// their bytes in the file, which is the order they were written in.
public enum Safetensors {
    /// The file as bytes, tensors packed in the given order; metadata keys are written sorted.
    ///
    /// Names must be unique, non-empty and not `__metadata__`, and every tensor's values must fill its
    /// shape: breaking these is a bug in the calling code and stops the program. `write` checks them
    /// first and throws instead.
    public static func encode(_ tensors: [NamedTensor], metadata: [String: String] = [:]) -> [UInt8] {
        do {
            try validate(tensors, fileName: "safetensors data")
        } catch {
            preconditionFailure(error.description)
        }
        var members: [(key: String, value: HeaderJSON)] = []
        if !metadata.isEmpty {
            members.append(("__metadata__", .object(metadata.keys.sorted().map { ($0, .string(metadata[$0]!)) })))
        }
        var offset = 0
        for tensor in tensors {
            let byteCount = tensor.values.count * 4
            members.append((tensor.name, .object([
                ("dtype", .string("F32")),
                ("shape", .array(tensor.shape.map { .number(String($0)) })),
                ("data_offsets", .array([.number(String(offset)), .number(String(offset + byteCount))])),
            ])))
            offset += byteCount
        }
        var header = Array(HeaderJSON.object(members).serialized.utf8)
        // Padding keeps the data 8-byte aligned, as the reference implementation does.
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))

        var bytes = [UInt8]()
        bytes.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: header)
        for tensor in tensors {
            for value in tensor.values {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
        }
        return bytes
    }

    /// Checks that `tensors` can be written: unique, non-empty names other than `__metadata__`, and
    /// values that fill each shape.
    public static func validate(_ tensors: [NamedTensor], fileName: String) throws(SafetensorsError) {
        var seen = Set<String>()
        for tensor in tensors {
            guard !tensor.name.isEmpty, tensor.name != "__metadata__" else {
                throw .invalidName(file: fileName, name: tensor.name)
            }
            guard seen.insert(tensor.name).inserted else { throw .duplicateName(file: fileName, name: tensor.name) }
            guard tensor.elementCount == tensor.values.count else {
                throw .shapeMismatch(file: fileName, tensor: tensor.name, shape: tensor.shape, valueCount: tensor.values.count)
            }
        }
    }

    /// Writes the tensors to `url` atomically: into a temporary file in the same folder, then renamed
    /// over the target, so a crash mid-write never leaves a half-written file behind.
    public static func write(_ tensors: [NamedTensor], metadata: [String: String] = [:], to url: URL) throws(SafetensorsError) {
        let fileName = url.lastPathComponent
        try validate(tensors, fileName: fileName)
        let bytes = encode(tensors, metadata: metadata)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(fileName).\(UUID().uuidString).partial")
        do {
            try Data(bytes).write(to: temporary)
        } catch {
            throw .unwritable(file: fileName, reason: (error as NSError).localizedDescription)
        }
        // rename(2) replaces the target in one step when both are on the same file system.
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .unwritable(file: fileName, reason: reason)
        }
    }

    /// Reads and checks the file at `url`.
    public static func read(from url: URL) throws(SafetensorsError) -> (tensors: [NamedTensor], metadata: [String: String]) {
        let fileName = url.lastPathComponent
        // The header is read first, and the data only once the header shows it is worth reading: a
        // multi-gigabyte file whose header says it holds nothing is refused after a few bytes.
        let file: RegularFile
        do {
            file = try RegularFile(path: url.path)
        } catch {
            throw .unreadable(file: url.relativePath, reason: error.description)
        }
        do {
            guard file.size >= 8 else { throw SafetensorsError.truncated(file: fileName, byteCount: file.size) }
            let length = try file.read(offset: 0, count: 8)
            var headerLength: UInt64 = 0
            for index in (0..<8).reversed() { headerLength = headerLength << 8 | UInt64(length[index]) }
            guard headerLength <= UInt64(file.size - 8) else {
                throw SafetensorsError.headerLengthBeyondFile(file: fileName, headerLength: headerLength, bytesAfterLength: file.size - 8)
            }
            let headerEnd = 8 + Int(headerLength)
            let header = try file.read(offset: 8, count: Int(headerLength))
            let layout = try decodeHeader(header[...], dataSize: file.size - headerEnd, fileName: fileName)
            let data = try file.read(offset: headerEnd, count: file.size - headerEnd)
            guard data.count == file.size - headerEnd else {
                throw SafetensorsError.unreadable(file: url.relativePath, reason: "the file became shorter while it was read")
            }
            return (tensors(layout.entries, in: data, offset: 0), layout.metadata)
        } catch let error as SafetensorsError {
            throw error
        } catch let error as RegularFile.Problem {
            throw .unreadable(file: url.relativePath, reason: error.description)
        } catch {
            throw .unreadable(file: url.relativePath, reason: "\(error)")
        }
    }

    /// Parses and checks a whole file's bytes; `fileName` appears in error messages.
    public static func decode(_ bytes: [UInt8], fileName: String) throws(SafetensorsError) -> (tensors: [NamedTensor], metadata: [String: String]) {
        guard bytes.count >= 8 else { throw .truncated(file: fileName, byteCount: bytes.count) }
        var headerLength: UInt64 = 0
        for index in (0..<8).reversed() { headerLength = headerLength << 8 | UInt64(bytes[index]) }
        let bytesAfterLength = bytes.count - 8
        guard headerLength <= UInt64(bytesAfterLength) else {
            throw .headerLengthBeyondFile(file: fileName, headerLength: headerLength, bytesAfterLength: bytesAfterLength)
        }
        let headerEnd = 8 + Int(headerLength)
        let layout = try decodeHeader(bytes[8..<headerEnd], dataSize: bytes.count - headerEnd, fileName: fileName)
        return (tensors(layout.entries, in: bytes, offset: headerEnd), layout.metadata)
    }

    /// A tensor's place in the data section, as the header gives it.
    struct Entry {
        var name: String
        var shape: [Int]
        var begin: Int
        var end: Int
    }

    /// Reads and checks the header: every tensor's entry (sorted by where its bytes start, tiling the
    /// `dataSize` bytes of data exactly) and the metadata.
    static func decodeHeader(_ headerBytes: ArraySlice<UInt8>, dataSize: Int, fileName: String)
        throws(SafetensorsError) -> (entries: [Entry], metadata: [String: String]) {
        guard String(validating: headerBytes, as: UTF8.self) != nil else { throw .headerNotUTF8(file: fileName) }

        let header: HeaderJSON
        do {
            header = try HeaderJSON.parse(headerBytes)
        } catch {
            throw .headerNotJSON(file: fileName, offset: error.offset, problem: error.problem)
        }
        guard case .object(let members) = header else { throw .headerNotObject(file: fileName, found: header.kindName) }

        var metadata: [String: String] = [:]
        var entries: [Entry] = []
        var seen = Set<String>()
        for (name, value) in members {
            guard seen.insert(name).inserted else { throw .duplicateName(file: fileName, name: name) }
            if name == "__metadata__" {
                metadata = try readMetadata(value, fileName: fileName)
            } else {
                let entry = try readEntry(name: name, value, dataSize: dataSize, fileName: fileName)
                entries.append(Entry(name: entry.name, shape: entry.shape, begin: entry.begin, end: entry.end))
            }
        }

        // Tensors must tile the data exactly: sorted by where they start, each begins where the
        // previous one ended, and the last one ends at the end of the file.
        let ordered = entries.enumerated().sorted { ($0.element.begin, $0.offset) < ($1.element.begin, $1.offset) }.map(\.element)
        var covered = 0
        var previousName: String?
        for entry in ordered {
            if entry.begin < covered, let previousName {
                throw .overlappingTensors(file: fileName, first: previousName, second: entry.name)
            }
            if entry.begin > covered {
                throw .gapBeforeTensor(file: fileName, tensor: entry.name, gapStart: covered, gapEnd: entry.begin)
            }
            covered = entry.end
            previousName = entry.name
        }
        if covered < dataSize { throw .trailingBytes(file: fileName, count: dataSize - covered) }
        return (ordered, metadata)
    }

    /// The tensors' values, read from `bytes` with the data section starting at `offset`.
    static func tensors(_ entries: [Entry], in bytes: [UInt8], offset: Int) -> [NamedTensor] {
        bytes.withUnsafeBytes { raw in
            entries.map { entry in
                let count = (entry.end - entry.begin) / 4
                let start = offset + entry.begin
                let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                    for index in 0..<count {
                        let bits = raw.loadUnaligned(fromByteOffset: start + index * 4, as: UInt32.self)
                        buffer[index] = Float(bitPattern: UInt32(littleEndian: bits))
                    }
                    initialized = count
                }
                return NamedTensor(name: entry.name, shape: entry.shape, values: values)
            }
        }
    }

    private static func readMetadata(_ value: HeaderJSON, fileName: String) throws(SafetensorsError) -> [String: String] {
        guard case .object(let pairs) = value else {
            throw .invalidMetadata(file: fileName, problem: "is \(value.kindName), not an object")
        }
        var metadata: [String: String] = [:]
        for (key, entry) in pairs {
            guard case .string(let text) = entry else {
                throw .invalidMetadata(file: fileName, problem: "entry \"\(key)\" is \(entry.kindName), not a string")
            }
            guard metadata.updateValue(text, forKey: key) == nil else {
                throw .invalidMetadata(file: fileName, problem: "has the key \"\(key)\" twice")
            }
        }
        return metadata
    }

    private static func readEntry(
        name: String, _ value: HeaderJSON, dataSize: Int, fileName: String
    ) throws(SafetensorsError) -> (name: String, shape: [Int], begin: Int, end: Int) {
        guard case .object(let fields) = value else {
            throw .invalidEntry(file: fileName, tensor: name, problem: "is \(value.kindName), not an object with dtype, shape and data_offsets")
        }
        func field(_ key: String) throws(SafetensorsError) -> HeaderJSON {
            guard let found = fields.first(where: { $0.key == key }) else {
                throw .invalidEntry(file: fileName, tensor: name, problem: "has no \"\(key)\"")
            }
            return found.value
        }
        guard case .string(let dtype) = try field("dtype") else {
            throw .invalidEntry(file: fileName, tensor: name, problem: "dtype is not a string")
        }
        guard dtype == "F32" else { throw .unsupportedDType(file: fileName, tensor: name, dtype: dtype) }

        guard case .array(let dimensions) = try field("shape") else {
            throw .invalidEntry(file: fileName, tensor: name, problem: "shape is not a list")
        }
        var shape: [Int] = []
        for dimension in dimensions {
            guard let size = dimension.nonNegativeInteger else {
                throw .invalidEntry(file: fileName, tensor: name, problem: "shape holds \(dimension.serialized), not a non-negative whole number")
            }
            shape.append(size)
        }

        guard case .array(let offsets) = try field("data_offsets"), offsets.count == 2,
              let begin = offsets[0].nonNegativeInteger, let end = offsets[1].nonNegativeInteger else {
            throw .invalidEntry(file: fileName, tensor: name, problem: "data_offsets is not a list of two non-negative whole numbers")
        }
        guard begin <= end, end <= dataSize else {
            throw .offsetsOutOfRange(file: fileName, tensor: name, begin: begin, end: end, dataSize: dataSize)
        }
        let elementCount = NamedTensor(name: name, shape: shape, values: []).elementCount
        let (byteCount, overflow) = (elementCount ?? Int.max).multipliedReportingOverflow(by: 4)
        guard elementCount != nil, !overflow, byteCount == end - begin else {
            throw .sizeMismatch(file: fileName, tensor: name, shape: shape, byteCount: end - begin)
        }
        return (name, shape, begin, end)
    }
}
