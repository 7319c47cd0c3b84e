extension SequenceExamples {
    /// An empty batch with room for `capacity` examples of these examples' shape, for `fillBatch`.
    public func emptyBatch(capacity: Int) -> SequenceExamples {
        SequenceExamples(
            name: name,
            inputs: Matrix(rows: 0, columns: steps, capacity: capacity),
            targets: Matrix(rows: 0, columns: steps, capacity: capacity),
            mask: Matrix(rows: 0, columns: steps, capacity: capacity),
            vocabularySize: vocabularySize)
    }

    /// Copies the examples at `indices` into `batch` — a mini-batch, in that order — resizing it to
    /// `indices.count` rows. Within the batch's capacity (see `emptyBatch`) this allocates nothing, so
    /// a training step can gather its batch from a shuffled order of example indices.
    public func fillBatch(_ batch: inout SequenceExamples, indices: ArraySlice<Int>) {
        precondition(batch.steps == steps, "a batch of \(batch.steps) steps cannot hold examples of \(steps)")
        let rows = indices.count
        batch.inputs.resize(rows: rows)
        batch.targets.resize(rows: rows)
        batch.mask.resize(rows: rows)
        let columns = steps
        func gather(_ source: Matrix, into target: inout Matrix) {
            source.storage.withUnsafeBufferPointer { source in
                target.storage.withUnsafeMutableBufferPointer { target in
                    for (row, index) in indices.enumerated() {
                        precondition(index >= 0 && index < count, "example \(index) outside 0..<\(count)")
                        for column in 0..<columns { target[row * columns + column] = source[index * columns + column] }
                    }
                }
            }
        }
        gather(inputs, into: &batch.inputs)
        gather(targets, into: &batch.targets)
        gather(mask, into: &batch.mask)
    }
}
