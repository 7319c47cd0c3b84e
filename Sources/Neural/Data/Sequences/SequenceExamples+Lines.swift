extension SequenceExamples {
    /// One example per non-blank line of `corpus` — a name, a verse — as a window of `steps` tokens.
    ///
    /// A line of characters c₁ … cₙ becomes
    ///
    ///     inputs   boundary c₁ c₂ … cₙ       padding …
    ///     targets  c₁       c₂ … cₙ boundary padding …
    ///     mask     1        1  … 1  1        0       …
    ///
    /// so at every step the model reads the characters so far and is asked for the next one, and
    /// after the last character for the boundary ("the line is over"). A window therefore holds lines
    /// of up to `steps − 1` characters: 16 steps hold every name in `names.txt` (the longest has 15).
    ///
    /// - Parameter vocabulary: the tokens to use; by default the characters of the lines themselves.
    ///   Give a model's vocabulary to encode new text for that model.
    /// - Throws: `.contextTooShort` for fewer than 2 steps, `.emptyText` when no line has a character,
    ///   `.lineLongerThanWindow` naming the first line that does not fit, and `.unknownCharacter` when a
    ///   character is missing from `vocabulary`.
    public static func lines(
        of corpus: TextCorpus, steps: Int, vocabulary: CharacterVocabulary? = nil
    ) throws(SequenceDataError) -> SequenceExamples {
        guard steps >= 2 else { throw .contextTooShort(context: steps) }
        let lines = corpus.lines
        guard !lines.isEmpty else { throw .emptyText(file: corpus.file) }
        let vocabulary = vocabulary ?? corpus.lineVocabulary
        var inputs = Matrix(rows: lines.count, columns: steps, repeating: Float(CharacterVocabulary.padding))
        var targets = inputs
        var mask = Matrix(rows: lines.count, columns: steps)
        for (row, line) in lines.enumerated() {
            let length = line.text.count
            guard length <= steps - 1 else {
                throw .lineLongerThanWindow(file: corpus.file, line: line.number, length: length, context: steps)
            }
            var ids: [Int]
            do throws(SequenceDataError) {
                ids = try vocabulary.encode(line.text, file: corpus.file)
            } catch {
                if case .unknownCharacter(let file, _, let column, let character) = error {
                    throw .unknownCharacter(file: file, line: line.number, column: column, character: character)
                }
                throw error
            }
            let sequence = [CharacterVocabulary.start] + ids + [CharacterVocabulary.end]
            for step in 0..<(sequence.count - 1) {
                inputs[row, step] = Float(sequence[step])
                targets[row, step] = Float(sequence[step + 1])
                mask[row, step] = 1
            }
        }
        return SequenceExamples(name: corpus.file, inputs: inputs, targets: targets, mask: mask, vocabularySize: vocabulary.count)
    }
}
