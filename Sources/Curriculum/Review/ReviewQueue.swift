import Foundation

/// The questions of one quiz, in the order they are asked, with wrong answers coming back later.
///
/// Picking interleaves the lessons: each lesson has its own line (its due questions, the longest overdue
/// first, then its questions never answered, in course order), and the quiz takes one from each lesson
/// in turn, so a first session reaches lessons 4 and 5 instead of spending itself on lesson 1, and new
/// material is never starved by reviews. Questions never answered are capped per day (`newAllowance`).
/// `ignoringSchedule` (the quiz's `--all`) adds the rest by due date, uncapped. A wrong answer puts the
/// question back `retryGap` questions later (or last), up to `maximumRetries` times, so it is seen again
/// within the session while the right answer is fresh but not straight away.
public struct ReviewQueue: Equatable, Sendable {
    /// A question the quiz may ask.
    public struct Candidate: Equatable, Sendable {
        /// The question's stable id.
        public var id: String
        /// The lesson it belongs to.
        public var lessonID: String
        /// Its schedule, nil when it was never answered.
        public var schedule: QuestionSchedule?

        public init(id: String, lessonID: String, schedule: QuestionSchedule?) {
            self.id = id
            self.lessonID = lessonID
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
    ///   - ignoringSchedule: also take questions that are not due yet, and new ones beyond the day's cap.
    ///   - newAllowance: how many questions never answered may be taken (nil for no cap).
    public static func pick(from candidates: [Candidate], now: Date, limit: Int?, ignoringSchedule: Bool,
                            newAllowance: Int? = nil) -> [String] {
        var lessonOrder: [String] = []
        var lines: [String: [Candidate]] = [:]
        var newTaken = 0
        let due = candidates.filter { $0.schedule?.isDue(at: now) == true }
            .sorted { ($0.schedule?.due ?? now) < ($1.schedule?.due ?? now) }
        for candidate in due + candidates.filter({ $0.schedule == nil }) {
            if candidate.schedule == nil {
                if !ignoringSchedule, let newAllowance, newTaken >= newAllowance { continue }
                newTaken += 1
            }
            if lines[candidate.lessonID] == nil { lessonOrder.append(candidate.lessonID) }
            lines[candidate.lessonID, default: []].append(candidate)
        }
        // Lessons in course order, not in the order their first due question happened to come.
        let courseOrder = candidates.map(\.lessonID).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        lessonOrder.sort { (courseOrder.firstIndex(of: $0) ?? 0) < (courseOrder.firstIndex(of: $1) ?? 0) }
        var ids: [String] = []
        var round = 0
        while ids.count < lines.values.map(\.count).reduce(0, +) {
            for lesson in lessonOrder where round < lines[lesson, default: []].count {
                ids.append(lines[lesson, default: []][round].id)
            }
            round += 1
        }
        if ignoringSchedule {
            ids += candidates.filter { $0.schedule.map { !$0.isDue(at: now) } ?? false }
                .sorted { ($0.schedule?.due ?? now) < ($1.schedule?.due ?? now) }.map(\.id)
        }
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
