import Foundation

/// Reads the JSON progress file of earlier versions (`progress.json`, formats 1 and 2) so the store can
/// import it once. Every value is checked against `ProgressLimits`: a file with anything out of range,
/// of the wrong type, or too large to be real progress is refused as a whole with a sentence naming the
/// value, and nothing of it is imported.
public enum LegacyProgressFile {
    /// A real progress file is a few kilobytes; anything above this is not one.
    public static let maximumBytes = 16 << 20

    /// What the file held: lessons, and each question's converted schedule and history.
    public struct Contents: Equatable, Sendable {
        public var lessons: [String: LessonProgress] = [:]
        public var questions: [String: QuestionReview] = [:]
        /// Answers on lesson pages of format 1 and 2 (question id → lesson, right or not, when).
        public var pageAnswers: [(questionID: String, lessonID: String, correct: Bool, date: Date)] = []

        public static func == (lhs: Contents, rhs: Contents) -> Bool {
            lhs.lessons == rhs.lessons && lhs.questions == rhs.questions
                && lhs.pageAnswers.map(\.questionID) == rhs.pageAnswers.map(\.questionID)
                && lhs.pageAnswers.map(\.correct) == rhs.pageAnswers.map(\.correct)
                && lhs.pageAnswers.map(\.date) == rhs.pageAnswers.map(\.date)
        }
    }

    /// Why a file was refused.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// Reads and checks `data`; SM-2 schedules become FSRS memories through `scheduler`.
    public static func read(_ data: Data, scheduler: ReviewScheduler) throws(Refusal) -> Contents {
        guard data.count <= maximumBytes else {
            throw Refusal(reason: "it is \(data.count >> 20) MB, far larger than any progress file (at most \(maximumBytes >> 20) MB)")
        }
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw Refusal(reason: "it is not valid JSON")
        }
        var reader = Reader()
        return try reader.contents(root, scheduler: scheduler)
    }

    private struct Reader {
        func object(_ value: JSONValue?, _ path: String) throws(Refusal) -> [String: JSONValue] {
            guard case .object(let object)? = value else { throw Refusal(reason: "\(path) should be an object") }
            return object
        }

        func list(_ value: JSONValue?, _ path: String) throws(Refusal) -> [JSONValue] {
            guard let value else { return [] }
            guard case .array(let list) = value else { throw Refusal(reason: "\(path) should be a list") }
            return list
        }

        func text(_ value: JSONValue?, _ path: String) throws(Refusal) -> String {
            guard case .string(let text)? = value else { throw Refusal(reason: "\(path) should be text") }
            return text
        }

        func number(_ value: JSONValue?, _ path: String) throws(Refusal) -> Double {
            guard case .number(let number)? = value, number.isFinite else {
                throw Refusal(reason: "\(path) should be a number")
            }
            return number
        }

        func whole(_ value: JSONValue?, _ path: String, in range: ClosedRange<Int>) throws(Refusal) -> Int {
            let number = try number(value, path)
            guard number == number.rounded(), number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
                throw Refusal(reason: "\(path) is \(Self.show(number)); it must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return Int(number)
        }

        func bool(_ value: JSONValue?, _ path: String) throws(Refusal) -> Bool {
            guard case .bool(let flag)? = value else { throw Refusal(reason: "\(path) should be true or false") }
            return flag
        }

        func date(_ value: JSONValue?, _ path: String) throws(Refusal) -> Date {
            guard case .string(let text)? = value, let date = ISO8601DateFormatter().date(from: text),
                  ProgressLimits.dates.contains(date.timeIntervalSince1970) else {
                throw Refusal(reason: "\(path) should be a date between 1970 and 2200 such as \"2026-03-14T09:30:00Z\"")
            }
            return date
        }

        func id(_ text: String, _ path: String) throws(Refusal) -> String {
            guard ProgressLimits.isValidID(text) else { throw Refusal(reason: "\(path) has an id that is empty, too long or has a line break") }
            return text
        }

        static func show(_ number: Double) -> String {
            abs(number) >= 1e15 || (abs(number) < 1e-4 && number != 0) ? String(format: "%g", number) : "\(number)"
        }

        mutating func contents(_ root: JSONValue, scheduler: ReviewScheduler) throws(Refusal) -> Contents {
            let top = try object(root, "the file")
            let version = try whole(top["version"], "version", in: 1...1_000)
            guard version <= 2 else {
                throw Refusal(reason: "it was written in format \(version) by a newer gradschool; update gradschool to import it")
            }
            var contents = Contents()
            for (lessonID, value) in try object(top["lessons"] ?? .object([:]), "lessons") {
                let path = "lessons.\(lessonID)"
                _ = try id(lessonID, path)
                let lesson = try object(value, path)
                var progress = LessonProgress()
                let pages = try list(lesson["pagesRead"], "\(path).pagesRead")
                guard pages.count <= ProgressLimits.pages.count else { throw Refusal(reason: "\(path).pagesRead lists more pages than a lesson can have") }
                for (index, page) in pages.enumerated() {
                    progress.pagesRead.insert(try whole(page, "\(path).pagesRead[\(index)]", in: ProgressLimits.pages))
                }
                progress.lastPage = try whole(lesson["lastPage"] ?? .number(0), "\(path).lastPage", in: ProgressLimits.pages)
                if let finished = lesson["finishedAt"], finished != .null { progress.finishedAt = try date(finished, "\(path).finishedAt") }
                for (quizID, answerValue) in try object(lesson["quizAnswers"] ?? .object([:]), "\(path).quizAnswers") {
                    let answerPath = "\(path).quizAnswers.\(quizID)"
                    let answer = try object(answerValue, answerPath)
                    _ = try whole(answer["choice"], "\(answerPath).choice", in: -1...1_000)
                    contents.pageAnswers.append((try id(quizID, answerPath), lessonID, try bool(answer["correct"], "\(answerPath).correct"),
                                                 try date(answer["answeredAt"], "\(answerPath).answeredAt")))
                }
                contents.lessons[lessonID] = progress
            }
            contents.pageAnswers.sort { ($0.date, $0.questionID) < ($1.date, $1.questionID) }
            for (questionID, value) in try object(top["questions"] ?? .object([:]), "questions") {
                let path = "questions.\(questionID)"
                _ = try id(questionID, path)
                let question = try object(value, path)
                let lessonID = try text(question["lessonID"], "\(path).lessonID")
                var review = QuestionReview(lessonID: try id(lessonID, "\(path).lessonID"))
                let history = try list(question["history"], "\(path).history")
                for (index, attemptValue) in history.enumerated() {
                    let attemptPath = "\(path).history[\(index)]"
                    let attempt = try object(attemptValue, attemptPath)
                    let correct = try bool(attempt["correct"], "\(attemptPath).correct")
                    let oldGrade = try whole(attempt["grade"], "\(attemptPath).grade", in: 0...5)
                    let seconds = try number(attempt["seconds"], "\(attemptPath).seconds")
                    guard ProgressLimits.seconds.contains(seconds) else {
                        throw Refusal(reason: "\(attemptPath).seconds is \(Self.show(seconds)); it must be from 0 to 3600")
                    }
                    let given = try attempt["given"].map { value throws(Refusal) in try text(value, "\(attemptPath).given") } ?? ""
                    guard given.count <= ProgressLimits.givenLength else { throw Refusal(reason: "\(attemptPath).given is too long") }
                    let isRetry = try attempt["isRetry"].map { value throws(Refusal) in try bool(value, "\(attemptPath).isRetry") } ?? false
                    // SM-2's 0–2 were wrong answers, 3 hard, 4 good, 5 easy.
                    let grade: RecallGrade = !correct ? .again : oldGrade <= 3 ? .hard : oldGrade == 4 ? .good : .easy
                    review.record(Attempt(date: try date(attempt["date"], "\(attemptPath).date"), correct: correct, grade: grade,
                                          seconds: seconds, given: given, isRetry: isRetry))
                }
                if let scheduleValue = question["schedule"], scheduleValue != .null {
                    let schedulePath = "\(path).schedule"
                    let schedule = try object(scheduleValue, schedulePath)
                    let easiness = try number(schedule["easiness"], "\(schedulePath).easiness")
                    guard (1.3...5).contains(easiness) else {
                        throw Refusal(reason: "\(schedulePath).easiness is \(Self.show(easiness)); SM-2 keeps it from 1.3 to 5")
                    }
                    review.schedule = scheduler.converted(
                        easiness: easiness,
                        intervalDays: try whole(schedule["intervalDays"], "\(schedulePath).intervalDays", in: 0...36_500),
                        streak: try whole(schedule["streak"], "\(schedulePath).streak", in: 0...100_000),
                        due: try date(schedule["due"], "\(schedulePath).due"),
                        lastAnswered: try date(schedule["lastAnswered"], "\(schedulePath).lastAnswered"))
                    if let problem = review.schedule?.problem { throw Refusal(reason: "\(schedulePath): \(problem)") }
                }
                contents.questions[questionID] = review
            }
            return contents
        }
    }
}

/// Any JSON value, so every value of the old file can be checked by hand with its path.
enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let list = try? container.decode([JSONValue].self) {
            self = .array(list)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}
