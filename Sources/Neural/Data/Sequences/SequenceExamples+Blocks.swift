extension SequenceExamples {
    /// Running text — sonnets, a book — cut into blocks of `steps` characters, one block per example.
    ///
    /// With the text's tokens x₀ x₁ … x_{N−1} (line breaks included), block b reads
    /// x_{bT} … x_{bT+T−1} and its targets are the same characters one step on, x_{bT+1} … x_{bT+T},
    /// where T = `steps`. Consecutive blocks follow each other, so every character but the first is a
    /// target exactly once; the last block, when the text does not fill it, is padded and its padded
    /// steps are masked out, so no text is dropped.
    ///
    /// - Parameter vocabulary: the tokens to use; by default the characters of the text.
    /// - Throws: `.contextTooShort` for fewer than 1 step, `.contextLongerThanData` when the text has
    ///   fewer than `steps + 1` characters, `.unknownCharacter` when a character is missing from `vocabulary`.
    public static func blocks(
        of corpus: TextCorpus, steps: Int, vocabulary: CharacterVocabulary? = nil
    ) throws(SequenceDataError) -> SequenceExamples {
        guard steps >= 1 else { throw .contextTooShort(context: steps) }
        let vocabulary = vocabulary ?? corpus.vocabulary
        let tokens = try vocabulary.encode(corpus.text, file: corpus.file)
        guard tokens.count >= steps + 1 else {
            throw .contextLongerThanData(file: corpus.file, context: steps, available: tokens.count)
        }
        let pairCount = tokens.count - 1
        let blockCount = (pairCount + steps - 1) / steps
        var inputs = Matrix(rows: blockCount, columns: steps, repeating: Float(CharacterVocabulary.padding))
        var targets = inputs
        var mask = Matrix(rows: blockCount, columns: steps)
        for block in 0..<blockCount {
            for step in 0..<steps {
                let position = block * steps + step
                guard position < pairCount else { break }
                inputs[block, step] = Float(tokens[position])
                targets[block, step] = Float(tokens[position + 1])
                mask[block, step] = 1
            }
        }
        return SequenceExamples(name: corpus.file, inputs: inputs, targets: targets, mask: mask, vocabularySize: vocabulary.count)
    }
}
