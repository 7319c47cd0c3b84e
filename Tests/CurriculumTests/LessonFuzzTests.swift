import Foundation
import Testing
@testable import Curriculum

/// Random mutations of the shipped lessons, fed to the lesson parser: none may crash, and every
/// problem found names the file and a line inside it.
///
/// `make test` runs a fixed number of mutations with a fixed seed; `make fuzz` sets
/// `GRADSCHOOL_FUZZ_COUNT` (and `GRADSCHOOL_FUZZ_SEED`) for longer runs.
@Suite("Fuzzing the lesson parser")
struct LessonFuzzTests {
    static let count = ProcessInfo.processInfo.environment["GRADSCHOOL_FUZZ_COUNT"].flatMap(Int.init) ?? 300
    static let seed = ProcessInfo.processInfo.environment["GRADSCHOOL_FUZZ_SEED"].flatMap(UInt64.init) ?? 19

    static let lessonsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("lessons")

    @Test func mutatedLessonsNeverCrashAndEveryProblemHasALine() throws {
        let originals = try LessonLibrary.lessonFiles(in: Self.lessonsFolder.path).map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
        try #require(!originals.isEmpty)
        var random = SplitMix(seed: Self.seed)
        let tokens = ["\n", "---\n", "## ", "```", "```widget perceptron\n", "```quiz\n", "> ", "- ", "1. ", "*", "**", "|", "[", "](",
                      ":", "id: ", "  ", "\t", "\u{0}", "\u{FEFF}", String(repeating: "> ", count: 40), String(repeating: "*", count: 60)]
            .map { Array($0.utf8) }
        var withProblems = 0
        for round in 0..<Self.count {
            var bytes = originals[Int(random.next() % UInt64(originals.count))]
            for _ in 0...(random.next() % 4) {
                let at = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
                switch random.next() % 5 {
                case 0 where !bytes.isEmpty: bytes[at] ^= UInt8(1 << (random.next() % 8))
                case 1 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + 1 + Int(random.next() % 200)))
                case 2 where !bytes.isEmpty:
                    let end = min(bytes.count, at + 1 + Int(random.next() % 200))
                    bytes.insert(contentsOf: bytes[at..<end], at: Int(random.next() % UInt64(bytes.count)))
                default: bytes.insert(contentsOf: tokens[Int(random.next() % UInt64(tokens.count))], at: at)
                }
            }
            // The library reads bytes as UTF-8 or refuses them; the parser sees only text.
            guard let text = String(validating: bytes, as: UTF8.self) else { continue }
            let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
            let result = LessonParser.parse(text, file: "fuzz.md")
            if !result.issues.isEmpty { withProblems += 1 }
            for issue in result.issues {
                #expect(issue.file == "fuzz.md")
                #expect(issue.line >= 1 && issue.line <= lineCount + 1, "round \(round): line \(issue.line) of \(lineCount): \(issue.message)")
                #expect(!issue.message.isEmpty)
            }
        }
        #expect(withProblems > 0, "the mutations should break some lessons")
    }
}

/// A small seeded generator (SplitMix64), so a run can be repeated exactly.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
