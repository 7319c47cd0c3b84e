import Foundation
import Testing
@testable import Neural

/// Random mutations of real files, fed to the CSV and model readers: none may crash, and every
/// rejected input gets an error that names the file (and, for CSV rows, the line).
///
/// `make test` runs a fixed number of mutations with a fixed seed; `make fuzz` sets
/// `GRADSCHOOL_FUZZ_COUNT` (and `GRADSCHOOL_FUZZ_SEED`) for longer runs.
@Suite("Fuzzing the readers")
struct ReaderFuzzTests {
    static let count = ProcessInfo.processInfo.environment["GRADSCHOOL_FUZZ_COUNT"].flatMap(Int.init) ?? 300
    static let seed = ProcessInfo.processInfo.environment["GRADSCHOOL_FUZZ_SEED"].flatMap(UInt64.init) ?? 19

    @Test func mutatedCSVFilesNeverCrashAndEveryRefusalHasALocation() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Neural/Resources/iris.csv")
        let original = Array(try Data(contentsOf: url))
        var mutator = Mutator(seed: Self.seed, tokens: [",", "\n", "\r\n", "\"", "\"a,b\"", "nan", "1e39", "-", "", "\u{0}", "\u{FEFF}", "setosa", ",,", " "])
        var refused = 0
        for round in 0..<Self.count {
            let bytes = mutator.mutate(original)
            do {
                let dataset = try CSVLoader.parse(Data(bytes), fileName: "fuzz.csv")
                #expect(dataset.features.rows == dataset.targets.rows, "round \(round)")
                let finite = dataset.features.elements.allSatisfy { $0.isFinite }
                #expect(finite, "round \(round): a non-finite feature was accepted")
            } catch {
                refused += 1
                #expect(error.description.hasPrefix("fuzz.csv"), "round \(round): \(error.description)")
                if let line = Self.line(in: error.description, file: "fuzz.csv") {
                    let lineCount = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
                    #expect(line >= 1 && line <= lineCount + 1, "round \(round): line \(line) of \(lineCount): \(error.description)")
                }
            }
        }
        #expect(refused > 0, "the mutations should break some files")
    }

    @Test func mutatedModelFilesNeverCrashAndEveryRefusalNamesTheFile() throws {
        let network = Network(sizes: [4, 5, 3], activation: .tanh, outputActivation: .softmax, seed: 3)
        let scaler = try Scaler(kind: .standardization, offsets: [0.5, 1, 1.5, 2], scales: [1, 2, 3, 4])
        let model = SavedModel(network: network, loss: .crossEntropy, scaler: scaler,
                               featureNames: ["a", "b", "c", "d"], classNames: ["x", "y", "z"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("model.safetensors")
        try model.write(to: file)
        let original = Array(try Data(contentsOf: file))
        var mutator = Mutator(seed: Self.seed, tokens: ["{", "}", "[", "]", "\"", ",", ":", "-1", "1e39", "4611686018427387904",
                                                        "\"F16\"", "null", "\u{0}", "\u{FF}", "\"shape\"", "\"data_offsets\""])
        var refused = 0
        for round in 0..<Self.count {
            let bytes = round.isMultiple(of: 3) ? mutator.mutateLength(original) : mutator.mutate(original)
            do {
                let decoded = try Safetensors.decode(bytes, fileName: "model.safetensors")
                let read = try SavedModel(tensors: decoded.tensors, metadata: decoded.metadata, fileName: "model.safetensors")
                let input = Matrix(rows: 1, columns: read.network.inputSize, elements: Array(repeating: 0.5, count: read.network.inputSize))
                _ = read.network.predict(input)
            } catch let error as SafetensorsError {
                refused += 1
                #expect(error.description.hasPrefix("model.safetensors"), "round \(round): \(error.description)")
            } catch let error as ModelFileError {
                refused += 1
                #expect(error.description.hasPrefix("model.safetensors"), "round \(round): \(error.description)")
            }
        }
        #expect(refused > 0, "the mutations should break some files")
    }

    /// The line number of a `file:line:` location, if the message has one.
    static func line(in message: String, file: String) -> Int? {
        guard message.hasPrefix(file + ":") else { return nil }
        return Int(message.dropFirst(file.count + 1).prefix { $0.isNumber })
    }
}

/// Mutates bytes the way a damaged or hostile file differs from a good one: flipped and random bytes,
/// lost and repeated spans, and tokens that mean something to the format, inserted anywhere.
struct Mutator {
    var random: RandomSource
    let tokens: [[UInt8]]

    init(seed: UInt64, tokens: [String]) {
        random = RandomSource(seed: seed)
        self.tokens = tokens.map { Array($0.utf8) }
    }

    mutating func index(_ count: Int) -> Int { count > 0 ? random.nextIndex(below: count) : 0 }

    /// One to four mutations of `original`.
    mutating func mutate(_ original: [UInt8]) -> [UInt8] {
        var bytes = original
        for _ in 0...index(4) {
            switch index(6) {
            case 0 where !bytes.isEmpty:
                bytes[index(bytes.count)] ^= UInt8(1 << index(8))
            case 1 where !bytes.isEmpty:
                bytes[index(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
            case 2 where !bytes.isEmpty:
                let start = index(bytes.count)
                bytes.removeSubrange(start..<min(bytes.count, start + 1 + index(64)))
            case 3 where !bytes.isEmpty:
                let start = index(bytes.count), end = min(bytes.count, start + 1 + index(64))
                bytes.insert(contentsOf: bytes[start..<end], at: index(bytes.count))
            case 4:
                bytes = Array(bytes.prefix(index(bytes.count + 1)))
            default:
                bytes.insert(contentsOf: tokens[index(tokens.count)], at: index(bytes.count + 1))
            }
        }
        return bytes
    }

    /// A safetensors file whose 8-byte header length is changed, the rest kept.
    mutating func mutateLength(_ original: [UInt8]) -> [UInt8] {
        var bytes = original
        guard bytes.count >= 8 else { return bytes }
        let choices: [UInt64] = [0, 1, 2, UInt64(bytes.count), UInt64(bytes.count - 8), UInt64.max, UInt64(Int.max), random.next() % 4096]
        withUnsafeBytes(of: choices[index(choices.count)].littleEndian) { for (offset, byte) in $0.enumerated() { bytes[offset] = byte } }
        return bytes
    }
}
