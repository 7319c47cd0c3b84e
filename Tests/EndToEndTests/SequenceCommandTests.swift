import Foundation
import Testing
@testable import Neural
@testable import gradschool

/// `gradschool train` on sequences and `gradschool sample`, in-process: bad input is refused with a
/// sentence naming the file and what to do, and a trained model samples the same lines for the same seed.
@Suite("gradschool train and sample on sequences")
struct SequenceCommandTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sequence-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func failure(_ arguments: [String]) -> TrainError? {
        let console = TrainOutputTests.Transcript().console(outputIsTerminal: false)
        do {
            try SequenceTrainRun(options: try TrainCommand.parse(arguments), console: console).run()
            return nil
        } catch let error as TrainError {
            return error
        } catch {
            return .usage("\(error)")
        }
    }

    @Test func badTextIsRefusedWithASentence() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func file(_ name: String, _ text: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let empty = try file("empty.txt", ""), one = try file("one.txt", "a"), short = try file("short.txt", "hello world\n")
        #expect(Self.failure(["--text", empty])?.description.hasPrefix("empty.txt: the file holds no text") == true)
        #expect(Self.failure(["--text", one])?.description.hasPrefix("one.txt: the text has only 1 character") == true)
        let long = Self.failure(["--text", short, "--steps", "40"])
        #expect(long?.description == "short.txt: a context of 40 characters needs at least 41 characters of text, but there are only 12: choose a context of at most 11, or give a longer text")
        #expect(long?.exitStatus == 65)
        #expect(Self.failure(["--text", folder.appendingPathComponent("missing.txt").path])?.exitStatus == 66)
    }

    @Test func aModelOfAnotherVocabularyIsRefused() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = folder.appendingPathComponent("abc.txt"), model = folder.appendingPathComponent("abc.safetensors")
        try String(repeating: "abcab cab\n", count: 20).write(to: text, atomically: true, encoding: .utf8)
        #expect(Self.failure(["--text", text.path, "--steps", "8", "--model", "embed 4, gru 8", "--epochs", "1",
                              "--save", model.path]) == nil)
        let other = folder.appendingPathComponent("xyz.txt")
        try String(repeating: "xyz zy\n", count: 20).write(to: other, atomically: true, encoding: .utf8)
        let refused = Self.failure(["--text", other.path, "--steps", "8", "--init", model.path, "--epochs", "1"])
        #expect(refused?.description.contains("the model's vocabulary (7 tokens) does not match the data's (7 tokens)") == true,
                "\(refused?.description ?? "accepted")")
        // A model of the text samples lines of its characters, the same for the same seed.
        let first = try SampleCommand.parse([model.path, "--count", "4", "--seed", "3"]).sample()
        let again = try SampleCommand.parse([model.path, "--count", "4", "--seed", "3"]).sample()
        #expect(first == again && first.count == 4)
        #expect(first.joined().allSatisfy { "abc \n".contains($0) })
    }
}
