import Foundation
import Testing
@testable import Neural

@Suite("Safetensors reading and writing")
struct SafetensorsTests {
    /// A file built by hand from the format description: 8-byte little-endian header length, the
    /// header (padded with spaces to a multiple of 8 when asked), then the data bytes.
    static func file(header: String, data: [UInt8], pad: Bool = true) -> [UInt8] {
        var headerBytes = Array(header.utf8)
        if pad { while headerBytes.count % 8 != 0 { headerBytes.append(0x20) } }
        let length = UInt64(headerBytes.count)
        let lengthBytes = (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) }
        return lengthBytes + headerBytes + data
    }

    /// IEEE 754 single precision, little-endian: 1.0 = 0x3F800000, −2.0 = 0xC0000000, 0.5 = 0x3F000000.
    static let one: [UInt8] = [0x00, 0x00, 0x80, 0x3F]
    static let minusTwo: [UInt8] = [0x00, 0x00, 0x00, 0xC0]
    static let half: [UInt8] = [0x00, 0x00, 0x00, 0x3F]

    func decodingError(_ bytes: [UInt8]) -> SafetensorsError? {
        do {
            _ = try Safetensors.decode(bytes, fileName: "model.safetensors")
            return nil
        } catch {
            return error
        }
    }

    func entry(_ name: String, dtype: String = "F32", shape: String, offsets: String) -> String {
        "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":\(offsets)}"
    }

    // MARK: - Hand-built bytes

    @Test func decodesAHandBuiltFile() throws {
        let header = "{\"__metadata__\":{\"format\":\"np\"}," + entry("a", shape: "[2]", offsets: "[0,8]") + ","
            + entry("b", shape: "[1,1]", offsets: "[8,12]") + "}"
        let decoded = try Safetensors.decode(Self.file(header: header, data: Self.one + Self.minusTwo + Self.half), fileName: "hand.safetensors")
        #expect(decoded.tensors == [NamedTensor(name: "a", shape: [2], values: [1, -2]), NamedTensor(name: "b", shape: [1, 1], values: [0.5])])
        #expect(decoded.metadata == ["format": "np"])
    }

    @Test func encodesExactlyTheBytesTheFormatDescribes() {
        let header = "{\"__metadata__\":{\"epoch\":\"3\",\"kind\":\"mlp\"}," + entry("weights", shape: "[1,2]", offsets: "[0,8]") + ","
            + entry("bias", shape: "[1]", offsets: "[8,12]") + "}"
        let expected = Self.file(header: header, data: Self.one + Self.minusTwo + Self.half)
        let encoded = Safetensors.encode([NamedTensor(name: "weights", shape: [1, 2], values: [1, -2]),
                                          NamedTensor(name: "bias", shape: [1], values: [0.5])],
                                         metadata: ["kind": "mlp", "epoch": "3"])
        #expect(encoded == expected)
        #expect((encoded.count - 8 - 12) % 8 == 0)
    }

    @Test func unpaddedHeaderIsAccepted() throws {
        let header = "{" + entry("a", shape: "[1]", offsets: "[0,4]") + "}"
        let decoded = try Safetensors.decode(Self.file(header: header, data: Self.one, pad: false), fileName: "x")
        #expect(decoded.tensors == [NamedTensor(name: "a", shape: [1], values: [1])])
    }

    @Test func tensorsComeBackInTheOrderOfTheirBytes() throws {
        // The header lists "second" first, but its bytes come after "first"'s.
        let header = "{" + entry("second", shape: "[1]", offsets: "[4,8]") + "," + entry("first", shape: "[1]", offsets: "[0,4]") + "}"
        let decoded = try Safetensors.decode(Self.file(header: header, data: Self.one + Self.half), fileName: "x")
        #expect(decoded.tensors.map(\.name) == ["first", "second"])
        #expect(decoded.tensors.map(\.values) == [[1], [0.5]])
    }

    // MARK: - Round trips

    @Test func roundTripKeepsOrderShapesValuesAndMetadata() throws {
        let tensors = [
            NamedTensor(name: "z.weight", matrix: Matrix([[1, 2, 3], [4, 5, 6]])),
            NamedTensor(name: "a.bias", vector: [-0.25, 1e-30]),
            NamedTensor(name: "scalar", shape: [], values: [42]),
            NamedTensor(name: "empty", shape: [0, 3], values: []),
            NamedTensor(name: "quote \" backslash \\ newline \n tab \t unicode σ∑", shape: [1, 1, 2], values: [7, 8]),
        ]
        let metadata = ["learningRate": "0.1", "note": "line\nbreak \"quoted\" é"]
        let decoded = try Safetensors.decode(Safetensors.encode(tensors, metadata: metadata), fileName: "x")
        #expect(decoded.tensors == tensors)
        #expect(decoded.metadata == metadata)
        #expect(decoded.tensors[0].matrix == Matrix([[1, 2, 3], [4, 5, 6]]))
        #expect(decoded.tensors[2].matrix == nil)
    }

    @Test func roundTripIsBitExactForSpecialValues() throws {
        let specials: [Float] = [.nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        let decoded = try Safetensors.decode(Safetensors.encode([NamedTensor(name: "s", vector: specials)]), fileName: "x")
        #expect(decoded.tensors[0].values.map(\.bitPattern) == specials.map(\.bitPattern))
    }

    @Test func noTensorsAtAll() throws {
        let bytes = Safetensors.encode([])
        #expect(bytes == Self.file(header: "{}", data: []))
        let decoded = try Safetensors.decode(bytes, fileName: "x")
        #expect(decoded.tensors.isEmpty && decoded.metadata.isEmpty)
    }

    @Test func writeIsAtomicAndReadGivesItBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("model.safetensors")
        let first = [NamedTensor(name: "w", vector: [1, 2, 3])]
        try Safetensors.write(first, metadata: ["v": "1"], to: url)
        let second = [NamedTensor(name: "w", vector: [4, 5])]
        try Safetensors.write(second, to: url)  // replaces the first file
        let loaded = try Safetensors.read(from: url)
        #expect(loaded.tensors == second && loaded.metadata.isEmpty)
        // Nothing is left behind but the file itself.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.safetensors"])

        // Invalid tensors are refused before anything touches the disk.
        let bad = folder.appendingPathComponent("bad.safetensors")
        #expect(throws: SafetensorsError.shapeMismatch(file: "bad.safetensors", tensor: "w", shape: [2, 2], valueCount: 3)) {
            try Safetensors.write([NamedTensor(name: "w", shape: [2, 2], values: [1, 2, 3])], to: bad)
        }
        #expect(throws: SafetensorsError.duplicateName(file: "bad.safetensors", name: "w")) {
            try Safetensors.write(first + first, to: bad)
        }
        #expect(throws: SafetensorsError.invalidName(file: "bad.safetensors", name: "__metadata__")) {
            try Safetensors.write([NamedTensor(name: "__metadata__", vector: [])], to: bad)
        }
        #expect(!FileManager.default.fileExists(atPath: bad.path))

        let nowhere = folder.appendingPathComponent("missing-folder/model.safetensors")
        do {
            try Safetensors.write(first, to: nowhere)
            Issue.record("expected an error")
        } catch {
            guard case .unwritable(let file, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(file == "model.safetensors")
        }
        do {
            _ = try Safetensors.read(from: folder.appendingPathComponent("absent.safetensors"))
            Issue.record("expected an error")
        } catch {
            guard case .unreadable(let file, _) = error else { Issue.record("wrong error \(error)"); return }
            // The path as given, so a name like "null" is never shown without its folder.
            #expect(file == folder.appendingPathComponent("absent.safetensors").path)
        }
    }

    // MARK: - Corruption, one rule at a time

    @Test func tooShortForTheLength() {
        #expect(decodingError([1, 2, 3]) == .truncated(file: "model.safetensors", byteCount: 3))
        #expect(decodingError([]) == .truncated(file: "model.safetensors", byteCount: 0))
    }

    @Test func headerLengthBeyondTheFile() {
        var bytes = Self.file(header: "{}", data: [])
        bytes[0] = 100
        #expect(decodingError(bytes) == .headerLengthBeyondFile(file: "model.safetensors", headerLength: 100, bytesAfterLength: 8))
        let huge = [UInt8](repeating: 0xFF, count: 8) + Array("{}".utf8)
        #expect(decodingError(huge) == .headerLengthBeyondFile(file: "model.safetensors", headerLength: UInt64.max, bytesAfterLength: 2))
    }

    @Test func headerThatIsNotUTF8OrNotJSONOrNotAnObject() {
        var notText = Self.file(header: "{\"aa\":1}", data: [])
        notText[10] = 0xFF
        #expect(decodingError(notText) == .headerNotUTF8(file: "model.safetensors"))

        guard case .headerNotJSON(let file, let offset, _) = decodingError(Self.file(header: "{\"a\": ", data: [], pad: false)) else {
            Issue.record("expected headerNotJSON")
            return
        }
        #expect(file == "model.safetensors" && offset == 6)
        guard case .headerNotJSON = decodingError(Self.file(header: "{\"a\":{}} x", data: [])) else {
            Issue.record("text after the object should be refused")
            return
        }
        let deep = String(repeating: "[", count: 10_000)
        guard case .headerNotJSON = decodingError(Self.file(header: deep, data: [])) else {
            Issue.record("very deep nesting should be refused")
            return
        }
        #expect(decodingError(Self.file(header: "[1,2]", data: [])) == .headerNotObject(file: "model.safetensors", found: "an array"))
    }

    @Test func unknownDTypeIsNamed() {
        let bytes = Self.file(header: "{" + entry("half", dtype: "F16", shape: "[2]", offsets: "[0,4]") + "}", data: Self.one)
        let error = decodingError(bytes)
        #expect(error == .unsupportedDType(file: "model.safetensors", tensor: "half", dtype: "F16"))
        #expect(error?.description.contains("F16") == true && error?.description.contains("model.safetensors") == true)
    }

    @Test func shapeThatDoesNotMatchTheByteSpan() {
        let bytes = Self.file(header: "{" + entry("a", shape: "[3]", offsets: "[0,8]") + "}", data: Self.one + Self.one)
        #expect(decodingError(bytes) == .sizeMismatch(file: "model.safetensors", tensor: "a", shape: [3], byteCount: 8))
        // A shape whose product overflows must not crash.
        let overflowing = Self.file(header: "{" + entry("a", shape: "[4294967296,4294967296]", offsets: "[0,4]") + "}", data: Self.one)
        #expect(decodingError(overflowing) == .sizeMismatch(file: "model.safetensors", tensor: "a",
                                                            shape: [4_294_967_296, 4_294_967_296], byteCount: 4))
    }

    @Test func offsetsOutOfRangeOrReversed() {
        let past = Self.file(header: "{" + entry("a", shape: "[4]", offsets: "[0,16]") + "}", data: Self.one + Self.one)
        #expect(decodingError(past) == .offsetsOutOfRange(file: "model.safetensors", tensor: "a", begin: 0, end: 16, dataSize: 8))
        let reversed = Self.file(header: "{" + entry("a", shape: "[1]", offsets: "[4,0]") + "}", data: Self.one)
        let error = decodingError(reversed)
        #expect(error == .offsetsOutOfRange(file: "model.safetensors", tensor: "a", begin: 4, end: 0, dataSize: 4))
        #expect(error?.description.contains("ends before it begins") == true)
    }

    @Test func overlappingTensors() {
        let header = "{" + entry("a", shape: "[2]", offsets: "[0,8]") + "," + entry("b", shape: "[2]", offsets: "[4,12]") + "}"
        #expect(decodingError(Self.file(header: header, data: Self.one + Self.one + Self.one)) ==
                .overlappingTensors(file: "model.safetensors", first: "a", second: "b"))
    }

    @Test func gapsAndTrailingBytes() {
        let gap = "{" + entry("a", shape: "[1]", offsets: "[0,4]") + "," + entry("b", shape: "[1]", offsets: "[8,12]") + "}"
        #expect(decodingError(Self.file(header: gap, data: Self.one + Self.one + Self.one)) ==
                .gapBeforeTensor(file: "model.safetensors", tensor: "b", gapStart: 4, gapEnd: 8))
        let lateStart = "{" + entry("a", shape: "[1]", offsets: "[4,8]") + "}"
        #expect(decodingError(Self.file(header: lateStart, data: Self.one + Self.one)) ==
                .gapBeforeTensor(file: "model.safetensors", tensor: "a", gapStart: 0, gapEnd: 4))
        let trailing = "{" + entry("a", shape: "[1]", offsets: "[0,4]") + "}"
        #expect(decodingError(Self.file(header: trailing, data: Self.one + [1, 2, 3])) == .trailingBytes(file: "model.safetensors", count: 3))
        #expect(decodingError(Self.file(header: "{}", data: [9])) == .trailingBytes(file: "model.safetensors", count: 1))
    }

    @Test func duplicateNames() {
        let header = "{" + entry("a", shape: "[1]", offsets: "[0,4]") + "," + entry("a", shape: "[1]", offsets: "[4,8]") + "}"
        #expect(decodingError(Self.file(header: header, data: Self.one + Self.one)) == .duplicateName(file: "model.safetensors", name: "a"))
    }

    @Test func malformedEntries() {
        let cases: [(String, String)] = [
            ("{\"a\":[1]}", "not an object"),
            ("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", "no \"dtype\""),
            ("{\"a\":{\"dtype\":7,\"shape\":[1],\"data_offsets\":[0,4]}}", "dtype is not a string"),
            ("{\"a\":{\"dtype\":\"F32\",\"shape\":1,\"data_offsets\":[0,4]}}", "shape is not a list"),
            ("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", "not a non-negative whole number"),
            ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", "not a non-negative whole number"),
            ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", "data_offsets"),
            ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", "no \"data_offsets\""),
        ]
        for (header, problem) in cases {
            let error = decodingError(Self.file(header: header, data: Self.one))
            guard case .invalidEntry(let file, let tensor, let found) = error else {
                Issue.record("\(header) gave \(String(describing: error))")
                continue
            }
            #expect(file == "model.safetensors" && tensor == "a")
            #expect(found.contains(problem), "\(found)")
        }
    }

    @Test func metadataMustBeAnObjectOfStrings() {
        for header in ["{\"__metadata__\":{\"epochs\":3}}", "{\"__metadata__\":[\"x\"]}", "{\"__metadata__\":{\"k\":\"a\",\"k\":\"b\"}}"] {
            guard case .invalidMetadata(let file, _) = decodingError(Self.file(header: header, data: [])) else {
                Issue.record("\(header) should be refused")
                continue
            }
            #expect(file == "model.safetensors")
        }
    }

    @Test func damagedFilesNeverCrash() {
        let valid = Safetensors.encode([NamedTensor(name: "w", matrix: Matrix([[1, 2], [3, 4]])), NamedTensor(name: "b", vector: [5, 6])],
                                       metadata: ["k": "v"])
        var random = RandomSource(seed: 99)
        var decoded = 0
        for round in 0..<3000 {
            var bytes: [UInt8]
            if round % 3 == 0 {
                bytes = (0..<random.nextIndex(below: 64)).map { _ in UInt8(random.nextIndex(below: 256)) }
            } else {
                bytes = valid
                for _ in 0...random.nextIndex(below: 3) {
                    bytes[random.nextIndex(below: bytes.count)] = UInt8(random.nextIndex(below: 256))
                }
                if round % 3 == 2 { bytes.removeLast(random.nextIndex(below: bytes.count)) }
            }
            do {
                let result = try Safetensors.decode(bytes, fileName: "fuzz.safetensors")
                #expect(result.tensors.allSatisfy { $0.elementCount == $0.values.count })
                decoded += 1
            } catch {
                #expect(error.description.hasPrefix("fuzz.safetensors"))
            }
        }
        // Changes that land only in the 24 data bytes (of about 150) leave a valid file.
        #expect(decoded > 20)
    }
}
