import Foundation

/// The questions of one quiz, in the order they are asked, with wrong answers coming back later.
///
/// Picking: questions already due come first, the longest overdue first; then questions never answered,
/// in course order; `ignoringSchedule` (the quiz's `--all`) adds the rest by due date. A wrong answer puts
/// the question back `retryGap` questions later (or last), up to `maximumRetries` times, so it is seen
/// again while the right answer is fresh but not straight away.
public struct ReviewQueue: Equatable, Sendable {
    /// A question the quiz may ask.
    public struct Candidate: Equatable, Sendable {
        /// The question's stable id.
        public var id: String
        /// Its schedule, nil when it was never answered.
        public var schedule: QuestionSchedule?

        public init(id: String, schedule: QuestionSchedule?) {
            self.id = id
            self.schedule = schedule
        }
    }

    /// How many other questions come between a wrong answer and its second try.
    public static let retryGap = 3
    /// How many times a question missed in this quiz comes back before the quiz lets it go until tomorrow.
    public static let maximumRetries = 3

    /// The questions still to ask, next first.
    public private(set) var upcoming: [String]
    /// How many times each question has been put back after a wrong answer.
    public private(set) var retries: [String: Int] = [:]
    /// How many questions were picked at the start (second tries not counted).
    public let picked: Int

    public init(ids: [String]) {
        upcoming = ids
        picked = ids.count
    }

    /// The ids to ask, in order, from `candidates` given in course order.
    /// - Parameters:
    ///   - now: due questions are those due at this moment.
    ///   - limit: at most this many (nil for no limit).
    ///   - ignoringSchedule: also take questions that are not due yet.
    public static func pick(from candidates: [Candidate], now: Date, limit: Int?, ignoringSchedule: Bool) -> [String] {
        let due = candidates.filter { $0.schedule?.isDue(at: now) == true }
            .sorted { ($0.schedule?.due ?? now) < ($1.schedule?.due ?? now) }
        let new = candidates.filter { $0.schedule == nil }
        var chosen = due + new
        if ignoringSchedule {
            chosen += candidates.filter { $0.schedule.map { !$0.isDue(at: now) } ?? false }
                .sorted { ($0.schedule?.due ?? now) < ($1.schedule?.due ?? now) }
        }
        let ids = chosen.map(\.id)
        guard let limit else { return ids }
        return Array(ids.prefix(max(0, limit)))
    }

    /// Takes the next question to ask, or nil when the quiz is over.
    public mutating func next() -> String? {
        upcoming.isEmpty ? nil : upcoming.removeFirst()
    }

    /// Puts a question that was just answered wrong back into the queue; false when it has come back
    /// `maximumRetries` times already and waits for tomorrow instead.
    @discardableResult
    public mutating func retryLater(_ id: String) -> Bool {
        let count = retries[id, default: 0]
        guard count < Self.maximumRetries else { return false }
        retries[id] = count + 1
        upcoming.insert(id, at: min(Self.retryGap, upcoming.count))
        return true
    }

    /// Whether `id` is waiting to be asked again in this quiz.
    public func isWaiting(_ id: String) -> Bool { upcoming.contains(id) }
}
