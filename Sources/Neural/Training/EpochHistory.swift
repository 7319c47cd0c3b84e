/// The records of every epoch so far, kept so that a copy costs almost nothing.
///
/// A training run hands a snapshot of its history to the screen up to 60 times a second while it appends
/// a record per epoch, for hundreds of thousands of epochs. A plain array shared with a snapshot would be
/// copied whole at the next append. Here records live in chunks of `chunkSize`; a full chunk is never
/// changed again, so copies share it, and an append after a copy copies at most one partial chunk.
public struct EpochHistory: RandomAccessCollection, Sendable, Equatable {
    public static let chunkSize = 256

    private var fullChunks: [[EpochRecord]] = []
    private var tail: [EpochRecord] = []

    public init() {}

    public init(_ records: some Sequence<EpochRecord>) {
        for record in records { append(record) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { fullChunks.count * Self.chunkSize + tail.count }

    public subscript(position: Int) -> EpochRecord {
        precondition(position >= 0 && position < endIndex, "epoch record \(position) outside 0..<\(endIndex)")
        let chunk = position / Self.chunkSize
        return chunk < fullChunks.count ? fullChunks[chunk][position % Self.chunkSize] : tail[position % Self.chunkSize]
    }

    public mutating func append(_ record: EpochRecord) {
        if tail.isEmpty { tail.reserveCapacity(Self.chunkSize) }
        tail.append(record)
        if tail.count == Self.chunkSize {
            fullChunks.append(tail)
            tail = []
        }
    }

    public mutating func removeAll() {
        fullChunks = []
        tail = []
    }
}
