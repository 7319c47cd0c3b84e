import Foundation
import Testing
@testable import Neural

@Suite("Text for sequence models")
struct TextCorpusTests {
    @Test func shippedNamesHaveThePublishedShape() throws {
        let names = try TextCorpus.names()
        let lines = names.lines
        #expect(lines.count == 32_000)
        #expect(lines.prefix(3).map(\.text) == ["emma", "olivia", "noah"])
        #expect(lines.map(\.text.count).max() == 15)
        #expect(names.lineVocabulary.count == 28)
        #expect(names.lineVocabulary.characters == Array("abcdefghijklmnopqrstuvwxyz"))
    }

    @Test func shippedSonnetsAreRunningText() throws {
        let sonnets = try TextCorpus.sonnets()
        #expect(sonnets.text.hasPrefix("THE SONNETS"))
        #expect(sonnets.text.contains("Shall I compare thee to a summer's day?"))
        #expect(sonnets.vocabulary.id(of: "\n") != nil)
        #expect(sonnets.text.count == 95_649)
    }

    @Test func lineEndingsAreNormalised() throws {
        let corpus = try TextCorpus(text: "ab\r\ncd\re\n", file: "t.txt")
        #expect(corpus.text == "ab\ncd\ne\n")
        #expect(corpus.lines.map(\.text) == ["ab", "cd", "e"])
        #expect(try TextCorpus(text: "\u{FEFF}hi", file: "bom.txt").text == "hi")
        #expect(throws: SequenceDataError.tooFewCharacters(file: "bom.txt", count: 1)) { try TextCorpus(text: "\u{FEFF}h", file: "bom.txt") }
    }

    @Test func emptyAndOneCharacterFilesGetASentence() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func write(_ bytes: [UInt8], _ name: String) throws -> URL {
            let url = directory.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return url
        }
        #expect(throws: SequenceDataError.emptyText(file: "empty.txt")) { try TextCorpus(contentsOf: write([], "empty.txt")) }
        #expect(throws: SequenceDataError.tooFewCharacters(file: "one.txt", count: 1)) { try TextCorpus(contentsOf: write([0x61], "one.txt")) }
        #expect(throws: SequenceDataError.notText(file: "bin.txt", byteOffset: 2)) { try TextCorpus(contentsOf: write([0x61, 0x62, 0xFF, 0x63], "bin.txt")) }
        #expect(throws: SequenceDataError.self) { try TextCorpus(contentsOf: directory.appendingPathComponent("missing.txt")) }
        #expect(SequenceDataError.emptyText(file: "empty.txt").description.hasPrefix("empty.txt: "))
        #expect(SequenceDataError.tooFewCharacters(file: "one.txt", count: 1).description.contains("only 1 character:"))
        // Two characters are enough to predict one from the other.
        let two = try TextCorpus(contentsOf: write([0x61, 0x62], "two.txt"))
        #expect(two.text == "ab")
    }
}
