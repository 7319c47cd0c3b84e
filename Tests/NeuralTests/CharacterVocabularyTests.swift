import Testing
@testable import Neural

@Suite("Character vocabulary")
struct CharacterVocabularyTests {
    @Test func specialTokensComeFirstThenSortedCharacters() {
        let vocabulary = CharacterVocabulary(lines: ["cab", "bad"])
        #expect(vocabulary.characters == ["a", "b", "c", "d"])
        #expect(vocabulary.count == 6)
        #expect(CharacterVocabulary.padding == 0 && CharacterVocabulary.start == 1 && CharacterVocabulary.end == 1)
        #expect(vocabulary.id(of: "a") == 2 && vocabulary.id(of: "d") == 5)
        #expect(vocabulary.id(of: "z") == nil)
        #expect((0..<7).map(vocabulary.symbol(for:)) == ["_", ".", "a", "b", "c", "d", "?"])
    }

    @Test func encodeThenDecodeGivesTheTextBack() throws {
        let text = "Shall I compare thee\nto a summer’s day? é"
        let vocabulary = CharacterVocabulary(of: text)
        let ids = try vocabulary.encode(text)
        #expect(ids.count == text.count)
        #expect(vocabulary.decode(ids) == text)
        // Special tokens and ids outside the vocabulary decode to nothing.
        #expect(vocabulary.decode([1] + ids.prefix(5) + [0, 0, 99, -3]) == "Shall")
    }

    @Test func unknownCharacterNamesItsLineAndColumn() {
        let vocabulary = CharacterVocabulary(of: "abc\n")
        #expect(throws: SequenceDataError.unknownCharacter(file: "poem.txt", line: 2, column: 3, character: "x")) {
            try vocabulary.encode("ab\nabx", file: "poem.txt")
        }
        let message = SequenceDataError.unknownCharacter(file: "poem.txt", line: 2, column: 3, character: "x").description
        #expect(message.hasPrefix("poem.txt:2:3:") && message.contains("\"x\""))
    }

    @Test func serializedVocabularyReadsBackAndRejectsTampering() throws {
        let vocabulary = CharacterVocabulary(of: "hello, world\n")
        let restored = try CharacterVocabulary(serialized: vocabulary.serialized, file: "m.safetensors")
        #expect(restored == vocabulary)
        #expect(restored.id(of: "w") == vocabulary.id(of: "w"))
        #expect(throws: SequenceDataError.self) { try CharacterVocabulary(serialized: "abba", file: "m.safetensors") }
        #expect(throws: SequenceDataError.self) { try CharacterVocabulary(serialized: "ba", file: "m.safetensors") }
    }

    @Test func mismatchedVocabularyListsWhatDiffers() {
        let model = CharacterVocabulary(lines: ["abcq"])
        let data = CharacterVocabulary(lines: ["abcz"])
        do {
            try model.checkMatches(data, modelFile: "names.safetensors")
            Issue.record("a mismatch was not reported")
        } catch {
            #expect(error == .vocabularyMismatch(file: "names.safetensors", missing: ["z"], extra: ["q"], expectedSize: 6, foundSize: 6))
            #expect(error.description.hasPrefix("names.safetensors:"))
            #expect(error.description.contains("lacks \"z\""))
        }
        #expect(throws: Never.self) { try model.checkMatches(CharacterVocabulary(lines: ["qcba"]), modelFile: "m") }
    }
}
