/// Why a safetensors file could not be read or written. Every message names the file.
public enum SafetensorsError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// The file could not be written or moved into place.
    case unwritable(file: String, reason: String)
    /// The file is shorter than the 8-byte header length that starts every safetensors file.
    case truncated(file: String, byteCount: Int)
    /// The header length points past the end of the file.
    case headerLengthBeyondFile(file: String, headerLength: UInt64, bytesAfterLength: Int)
    /// The header bytes are not valid UTF-8.
    case headerNotUTF8(file: String)
    /// The header is not JSON; `offset` is the byte within the header.
    case headerNotJSON(file: String, offset: Int, problem: String)
    /// The header is JSON but not an object of tensors.
    case headerNotObject(file: String, found: String)
    /// The same key appears twice in the header, or the same name twice among tensors being written.
    case duplicateName(file: String, name: String)
    /// A tensor entry lacks a field or has one of the wrong kind.
    case invalidEntry(file: String, tensor: String, problem: String)
    /// A tensor uses a data type other than F32.
    case unsupportedDType(file: String, tensor: String, dtype: String)
    /// The byte span does not hold exactly shape-product × 4 bytes.
    case sizeMismatch(file: String, tensor: String, shape: [Int], byteCount: Int)
    /// A tensor's data offsets run past the end of the data, or end before they begin.
    case offsetsOutOfRange(file: String, tensor: String, begin: Int, end: Int, dataSize: Int)
    /// Two tensors claim some of the same bytes.
    case overlappingTensors(file: String, first: String, second: String)
    /// Bytes between tensors belong to none of them.
    case gapBeforeTensor(file: String, tensor: String, gapStart: Int, gapEnd: Int)
    /// Bytes after the last tensor belong to none of them.
    case trailingBytes(file: String, count: Int)
    /// `__metadata__` is not an object of strings.
    case invalidMetadata(file: String, problem: String)
    /// A tensor to be written has a shape that its values do not fill.
    case shapeMismatch(file: String, tensor: String, shape: [Int], valueCount: Int)
    /// A tensor to be written has a name that the format reserves or cannot store.
    case invalidName(file: String, name: String)

    public var description: String {
        let advice = "the file is damaged or was not written as float32 safetensors; save it again"
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot be read (\(reason)): give the path of a readable .safetensors file"
        case .unwritable(let file, let reason):
            return "\(file): cannot be written (\(reason)): check that the folder exists and is writable, and that the disk has space"
        case .truncated(let file, let byteCount):
            return "\(file): only \(byteCount) bytes, fewer than the 8-byte header length every safetensors file starts with: \(advice)"
        case .headerLengthBeyondFile(let file, let headerLength, let bytesAfterLength):
            return "\(file): the header claims \(headerLength) bytes but only \(bytesAfterLength) follow the length: the file is cut short or is not safetensors"
        case .headerNotUTF8(let file):
            return "\(file): the header is not UTF-8 text: \(advice)"
        case .headerNotJSON(let file, let offset, let problem):
            return "\(file): the header is not JSON (\(problem) at byte \(offset) of the header): \(advice)"
        case .headerNotObject(let file, let found):
            return "\(file): the header is \(found), not a JSON object of tensors: \(advice)"
        case .duplicateName(let file, let name):
            return "\(file): the name \"\(name)\" appears twice: give every tensor its own name"
        case .invalidEntry(let file, let tensor, let problem):
            return "\(file): tensor \"\(tensor)\": \(problem): \(advice)"
        case .unsupportedDType(let file, let tensor, let dtype):
            return "\(file): tensor \"\(tensor)\" has dtype \(dtype), but only F32 (float32) is supported: convert it to float32 before saving, e.g. tensor.float() in PyTorch or array.astype(numpy.float32)"
        case .sizeMismatch(let file, let tensor, let shape, let byteCount):
            var needed: Int? = 4
            for size in shape {
                let (product, overflow) = (needed ?? 0).multipliedReportingOverflow(by: size)
                needed = overflow || needed == nil ? nil : product
            }
            let need = needed.map { "\($0) bytes" } ?? "more bytes than any file can hold"
            return "\(file): tensor \"\(tensor)\" has shape \(shape), which needs \(need) of float32, but its offsets span \(byteCount) bytes: \(advice)"
        case .offsetsOutOfRange(let file, let tensor, let begin, let end, let dataSize):
            let problem = begin > end ? "ends before it begins" : "runs past the end of the \(dataSize) data bytes"
            return "\(file): tensor \"\(tensor)\" has data offsets [\(begin), \(end)], which \(problem): \(advice)"
        case .overlappingTensors(let file, let first, let second):
            return "\(file): tensors \"\(first)\" and \"\(second)\" share bytes: \(advice)"
        case .gapBeforeTensor(let file, let tensor, let gapStart, let gapEnd):
            return "\(file): data bytes \(gapStart)..<\(gapEnd) before tensor \"\(tensor)\" belong to no tensor: \(advice)"
        case .trailingBytes(let file, let count):
            return "\(file): \(count) bytes after the last tensor belong to no tensor: \(advice)"
        case .invalidMetadata(let file, let problem):
            return "\(file): __metadata__ \(problem); it must map names to strings: \(advice)"
        case .shapeMismatch(let file, let tensor, let shape, let valueCount):
            return "\(file): tensor \"\(tensor)\" has shape \(shape) but \(valueCount) values: make the shape's product equal the number of values"
        case .invalidName(let file, let name):
            return "\(file): \"\(name)\" cannot name a tensor (names must be non-empty and not __metadata__): rename it"
        }
    }
}
