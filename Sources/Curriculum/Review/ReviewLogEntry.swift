import Foundation
import GRDB

/// One line of the append-only review log: an answer with its question, time, duration, correctness,
/// and the schedule before and after it.
public struct ReviewLogEntry: Equatable, Sendable {
    public var number: Int
    public var questionID: String
    public var lessonID: String
    public var answeredAt: Date
    public var seconds: Double
    public var correct: Bool
    public var grade: Int
    public var given: String
    /// Whether the answer moved the schedule.
    public var counted: Bool
    public var kind: String
    public var source: String
    public var before: (difficulty: Double, stability: Double, due: Date)?
    public var after: (difficulty: Double, stability: Double, due: Date)?

    init(row: Row) {
        number = row["id"]
        questionID = row["question_id"]
        lessonID = row["lesson_id"]
        answeredAt = Date(timeIntervalSince1970: row["answered_at"])
        seconds = row["seconds"]
        correct = row["correct"]
        grade = row["grade"]
        given = row["given"]
        counted = row["counted"]
        kind = row["kind"]
        source = row["source"]
        func memory(_ prefix: String) -> (Double, Double, Date)? {
            guard let difficulty = row["difficulty_\(prefix)"] as Double?, let stability = row["stability_\(prefix)"] as Double?,
                  let due = row["due_\(prefix)"] as Double? else { return nil }
            return (difficulty, stability, Date(timeIntervalSince1970: due))
        }
        before = memory("before")
        after = memory("after")
    }

    public static func == (lhs: ReviewLogEntry, rhs: ReviewLogEntry) -> Bool { lhs.number == rhs.number && lhs.csvFields == rhs.csvFields }

    /// The CSV header `gradschool progress --export` writes.
    public static let csvHeader = ["number", "answered_at", "question", "lesson", "source", "kind", "seconds", "correct", "given",
                                   "grade", "counted", "difficulty_before", "stability_before", "due_before",
                                   "difficulty_after", "stability_after", "due_after"]

    /// The entry's fields in `csvHeader`'s order.
    public var csvFields: [String] {
        let iso = ISO8601DateFormatter()
        func memory(_ value: (difficulty: Double, stability: Double, due: Date)?) -> [String] {
            guard let value else { return ["", "", ""] }
            return [String(format: "%.4f", value.difficulty), String(format: "%.4f", value.stability), iso.string(from: value.due)]
        }
        return [String(number), iso.string(from: answeredAt), questionID, lessonID, source, kind, String(format: "%.1f", seconds),
                correct ? "1" : "0", given, String(grade), counted ? "1" : "0"] + memory(before) + memory(after)
    }

    /// The whole log as CSV (RFC 4180: fields with commas, quotes or line breaks are quoted).
    public static func csv(_ entries: [ReviewLogEntry]) -> String {
        func quoted(_ field: String) -> String {
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return ([csvHeader] + entries.map(\.csvFields)).map { $0.map(quoted).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
