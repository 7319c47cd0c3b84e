/// The records of every epoch so far, kept so that a copy costs almost nothing.
///
/// A training run hands a snapshot of its history to the screen up to 60 times a second while it appends
/// a record per epoch, for hundreds of thousands of epochs. A plain array shared with a snapshot would be
/// copied whole at the next append. Here records live in chunks of `chunkSize`; a full chunk is never
/// changed again, so copies share it, and an append after a copy copies at most one partial chunk.
///
/// With a `limit`, a long history stays bounded: when it passes the limit, the older half keeps every
/// other record (the first epoch always among them), so the oldest epochs are thinned most and the
/// recent ones are all kept. Records stay in epoch order; a chart that picks records by epoch
/// (as the playground's does) draws the same curve from them.
public struct EpochHistory: RandomAccessCollection, Sendable, Equatable {
    public static let chunkSize = 256

    private var fullChunks: [[EpochRecord]] = []
    private var tail: [EpochRecord] = []
    /// The most records kept, at least `4 × chunkSize`; nil keeps every record.
    public var limit: Int? {
        didSet { limit = limit.map { Swift.max($0, 4 * Self.chunkSize) } }
    }

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
            if let limit, endIndex > limit - Self.chunkSize { thinOlderHalf() }
        }
    }

    /// Keeps every other record of the older half of the full chunks.
    private mutating func thinOlderHalf() {
        let older = fullChunks.count / 2
        guard older >= 2 else { return }
        let kept = fullChunks[..<older].joined().enumerated().filter { $0.offset.isMultiple(of: 2) }.map(\.element)
        var chunks: [[EpochRecord]] = stride(from: 0, to: kept.count, by: Self.chunkSize).map {
            Array(kept[$0..<Swift.min(kept.count, $0 + Self.chunkSize)])
        }
        // Every chunk but the tail is full, so a part-filled one takes records from the next chunks.
        var rest = Array(fullChunks[older...].joined()) + tail
        if let last = chunks.last, last.count < Self.chunkSize {
            let needed = Self.chunkSize - last.count
            chunks[chunks.count - 1] += rest.prefix(needed)
            rest.removeFirst(Swift.min(needed, rest.count))
        }
        for start in stride(from: 0, to: rest.count - rest.count % Self.chunkSize, by: Self.chunkSize) {
            chunks.append(Array(rest[start..<start + Self.chunkSize]))
        }
        fullChunks = chunks
        tail = Array(rest.suffix(rest.count % Self.chunkSize))
    }

    public mutating func removeAll() {
        fullChunks = []
        tail = []
    }
}
