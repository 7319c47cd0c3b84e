import Testing
@testable import Neural

@Suite("Windows of text")
struct SequenceWindowTests {
    @Test func aLineBecomesStartLettersEndAndPadding() throws {
        let corpus = try TextCorpus(text: "emma\n\nbo\n", file: "n.txt")
        let examples = try SequenceExamples.lines(of: corpus, steps: 6)
        // Vocabulary: _ . a b e m o -> ids 0 1 2 3 4 5 6.
        #expect(examples.count == 2 && examples.steps == 6 && examples.vocabularySize == 7)
        #expect(examples.inputTokens(0) == [1, 4, 5, 5, 2, 0])
        #expect(examples.targetTokens(0) == [4, 5, 5, 2, 1, 0])
        #expect(examples.mask.row(0) == [1, 1, 1, 1, 1, 0])
        #expect(examples.inputTokens(1) == [1, 3, 6, 0, 0, 0])
        #expect(examples.targetTokens(1) == [3, 6, 1, 0, 0, 0])
        #expect(examples.mask.row(1) == [1, 1, 1, 0, 0, 0])
        #expect(examples.maskedStepCount == 8)
    }

    @Test func namesFitSixteenStepWindows() throws {
        let examples = try SequenceExamples.lines(of: TextCorpus.names(), steps: 16)
        #expect(examples.count == 32_000 && examples.vocabularySize == 28)
        // Every name's letters plus its end token are targets: 196,113 letters + 32,000 ends.
        let letters = try TextCorpus.names().lines.reduce(0) { $0 + $1.text.count }
        #expect(examples.maskedStepCount == letters + 32_000)
        #expect(examples.targets.elements.allSatisfy { $0 >= 0 && $0 < 28 })
    }

    @Test func aLineLongerThanTheWindowIsNamed() throws {
        let corpus = try TextCorpus(text: "ann\n\nalexandra\n", file: "n.txt")
        #expect(throws: SequenceDataError.lineLongerThanWindow(file: "n.txt", line: 3, length: 9, context: 8)) {
            try SequenceExamples.lines(of: corpus, steps: 8)
        }
        #expect(throws: SequenceDataError.contextTooShort(context: 1)) { try SequenceExamples.lines(of: corpus, steps: 1) }
        #expect(throws: SequenceDataError.emptyText(file: "b.txt")) {
            try SequenceExamples.lines(of: TextCorpus(text: "\n\n\n", file: "b.txt"), steps: 8)
        }
    }

    @Test func aModelsVocabularyThatLacksALetterIsNamedAtItsLine() throws {
        let model = CharacterVocabulary(lines: ["abc"])
        let corpus = try TextCorpus(text: "abc\ncab\nbad\n", file: "new.txt")
        #expect(throws: SequenceDataError.unknownCharacter(file: "new.txt", line: 3, column: 3, character: "d")) {
            try SequenceExamples.lines(of: corpus, steps: 8, vocabulary: model)
        }
    }

    @Test func blocksCoverEveryCharacterOnceAndPadTheLastBlock() throws {
        let corpus = try TextCorpus(text: "abcdefghij", file: "t.txt")
        let examples = try SequenceExamples.blocks(of: corpus, steps: 4)
        // 10 characters give 9 (input, target) pairs: blocks of 4, 4 and 1.
        #expect(examples.count == 3)
        let a = 2
        #expect(examples.inputTokens(0) == [a, a + 1, a + 2, a + 3])
        #expect(examples.targetTokens(0) == [a + 1, a + 2, a + 3, a + 4])
        #expect(examples.inputTokens(1) == [a + 4, a + 5, a + 6, a + 7])
        #expect(examples.targetTokens(2) == [a + 9, 0, 0, 0])
        #expect(examples.mask.row(2) == [1, 0, 0, 0])
        #expect(examples.maskedStepCount == 9)
    }

    @Test func aContextLongerThanTheTextGetsASentence() throws {
        let corpus = try TextCorpus(text: "to be", file: "short.txt")
        #expect(throws: SequenceDataError.contextLongerThanData(file: "short.txt", context: 5, available: 5)) {
            try SequenceExamples.blocks(of: corpus, steps: 5)
        }
        #expect(try SequenceExamples.blocks(of: corpus, steps: 4).count == 1)
        let message = SequenceDataError.contextLongerThanData(file: "short.txt", context: 5, available: 5).description
        #expect(message.contains("at most 4"))
    }

    @Test func splitByLineIsSeededAndLosesNothing() throws {
        let examples = try SequenceExamples.lines(of: TextCorpus.names(), steps: 16)
        let (train, validation) = examples.split(validationFraction: 0.1, seed: 7)
        #expect(train.count == 28_800 && validation.count == 3_200)
        #expect(examples.split(validationFraction: 0.1, seed: 7).validation == validation)
        #expect(examples.split(validationFraction: 0.1, seed: 8).validation != validation)
        // Every line lands in exactly one of the two sets.
        var rows = Set<[Float]>()
        for part in [train, validation] { for row in 0..<part.count { rows.insert(part.inputs.row(row)) } }
        var all = Set<[Float]>()
        for row in 0..<examples.count { all.insert(examples.inputs.row(row)) }
        #expect(rows == all)
    }

    @Test func splitByBlockInOrderKeepsTheEndForValidation() throws {
        let examples = try SequenceExamples.blocks(of: TextCorpus.sonnets(), steps: 64)
        let (train, validation) = examples.split(validationFraction: 0.1, seed: 0, shuffle: false)
        #expect(validation.count == Int((Double(examples.count) * 0.1).rounded()))
        #expect(train.inputs.row(0) == examples.inputs.row(0))
        #expect(validation.inputs.row(validation.count - 1) == examples.inputs.row(examples.count - 1))
        #expect(examples.split(validationFraction: .nan, seed: 0).validation.count == 0)
        #expect(examples.split(validationFraction: 2, seed: 0).train.count == 0)
    }
}
