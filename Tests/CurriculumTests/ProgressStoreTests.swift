import Foundation
import GRDB
import Testing
@testable import Curriculum

/// The SQLite progress store: events in, progress out; importing the old JSON file once; and every
/// way a file can be unusable, each met with a sentence and never with lost data.
@Suite("Progress store")
struct ProgressStoreTests {
    /// A fresh folder with the paths of `progress.sqlite` and `progress.json` in it.
    struct Scratch {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString)/gradschool")
        var database: URL { folder.appendingPathComponent("progress.sqlite") }
        var json: URL { folder.appendingPathComponent("progress.json") }

        init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

        func open() -> ProgressStore { ProgressStore(file: database, legacyFile: json, calendar: ReviewSchedulerTests.utc) }
        func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }
        func remove() {
            _ = chmod(folder.path, 0o755)
            try? FileManager.default.removeItem(at: folder.deletingLastPathComponent())
        }
    }

    let day = Date(timeIntervalSince1970: 1_710_061_200)

    func answer(_ id: String, correct: Bool, at date: Date, counts: Bool = true) -> ProgressEvent {
        .answered(AnswerRecord(questionID: id, lessonID: "perceptron", answeredAt: date, seconds: 4, correct: correct, given: "2",
                               grade: correct ? .good : .again, kind: .choice, counts: counts, source: .quiz))
    }

    @Test func eventsAreStoredAndReadBack() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.open()
        #expect(store.notices.isEmpty)
        #expect(store.isWritable)
        #expect(try store.load() == LearnerProgress())
        for page in [0, 2, 1] { try store.record(.pageRead(lessonID: "perceptron", page: page, pageCount: 3, at: day.addingTimeInterval(Double(page)))) }
        try store.record(answer("xor", correct: true, at: day))
        try store.record(answer("xor", correct: true, at: day.addingTimeInterval(60), counts: false))

        let loaded = try scratch.open().load()
        #expect(loaded["perceptron"].pagesRead == [0, 1, 2])
        #expect(loaded["perceptron"].lastPage == 1)
        // The last missing page (1, read at day + 1 s) finished the lesson.
        #expect(loaded["perceptron"].finishedAt == day.addingTimeInterval(1))
        let xor = try #require(loaded.questions["xor"])
        // A first right answer: S = w₂ = 2.3065 days, due two days later; the second try is kept but moves nothing.
        #expect(xor.schedule?.stability == 2.3065)
        #expect(xor.schedule?.reviews == 1)
        #expect(xor.schedule?.due == ReviewSchedulerTests.utc.startOfDay(for: day).addingTimeInterval(2 * 86_400))
        #expect(xor.history.map(\.isRetry) == [false, true])
        let log = try store.reviewLog()
        #expect(log.count == 2)
        #expect(log[0].before == nil && log[0].after?.stability == 2.3065)
        #expect(log[1].counted == false && log[1].after == nil)
    }

    @Test func outOfRangeValuesAreRefusedAtTheBoundary() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.open()
        let refused: [ProgressEvent] = [
            .pageRead(lessonID: "perceptron", page: Int.max, pageCount: 3, at: day),
            .pageRead(lessonID: "perceptron", page: -1, pageCount: 3, at: day),
            .pageRead(lessonID: "", page: 0, pageCount: 3, at: day),
            .pageRead(lessonID: "perceptron", page: 0, pageCount: 3, at: Date(timeIntervalSince1970: 1e30)),
            .answered(AnswerRecord(questionID: "q", lessonID: "l", answeredAt: day, seconds: .nan, correct: true, given: "",
                                   grade: .good, kind: .choice, counts: true, source: .quiz)),
            .answered(AnswerRecord(questionID: "q", lessonID: "l", answeredAt: day, seconds: 3, correct: false, given: "",
                                   grade: .good, kind: .choice, counts: true, source: .quiz)),
            .setting(ProgressSettings(desiredRetention: 1e308)),
            .setting(ProgressSettings(newPerDay: Int.max)),
        ]
        for event in refused {
            #expect(throws: ProgressStoreError.self, "\(event)") { try store.record(event) }
        }
        #expect(try store.load() == LearnerProgress())
        #expect(try store.reviewLog().isEmpty)
    }

    @Test func theReviewLogIsAppendOnly() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.open().record(answer("xor", correct: false, at: day))
        let queue = try DatabaseQueue(path: scratch.database.path)
        #expect(throws: DatabaseError.self) { try queue.write { db in try db.execute(sql: "UPDATE review SET correct = 1") } }
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT correct FROM review") } == 0)
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") } == ProgressStore.schemaVersion)
        #expect(try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    }

    static let currentFormat = """
    {
      "lessons" : {
        "perceptron" : {
          "finishedAt" : "2024-03-08T10:00:00Z",
          "lastPage" : 7,
          "pagesRead" : [0, 1, 2, 3, 4, 5, 6, 7],
          "quizAnswers" : {
            "perceptron-xor" : { "answeredAt" : "2024-03-09T10:00:00Z", "choice" : 2, "correct" : true },
            "perceptron-page-only" : { "answeredAt" : "2024-03-09T11:00:00Z", "choice" : 0, "correct" : false }
          }
        },
        "forward" : { "lastPage" : 1, "pagesRead" : [0, 1], "quizAnswers" : {} }
      },
      "questions" : {
        "perceptron-xor" : {
          "history" : [
            { "correct" : false, "date" : "2024-03-03T10:00:00Z", "given" : "1", "grade" : 1, "isRetry" : false, "seconds" : 12.5 },
            { "correct" : true, "date" : "2024-03-03T10:01:00Z", "given" : "3", "grade" : 4, "isRetry" : true, "seconds" : 4 },
            { "correct" : true, "date" : "2024-03-09T10:00:00Z", "given" : "3", "grade" : 5, "isRetry" : false, "seconds" : 3 }
          ],
          "lessonID" : "perceptron",
          "schedule" : { "due" : "2024-03-15T00:00:00Z", "easiness" : 2.5, "intervalDays" : 6, "lastAnswered" : "2024-03-09T10:00:00Z", "streak" : 2 }
        }
      },
      "version" : 2
    }
    """

    @Test func aProgressFileOfTheCurrentFormatImportsExactlyOnceAndIsKept() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try Data(Self.currentFormat.utf8).write(to: scratch.json)
        let store = scratch.open()
        #expect(store.notices.count == 1)
        #expect(store.notices.first?.contains("imported from \(scratch.json.path)") == true)
        #expect(store.notices.first?.contains("kept unchanged as a backup") == true)
        let progress = try store.load()
        let iso = ISO8601DateFormatter()
        #expect(progress["perceptron"] == LessonProgress(pagesRead: Set(0..<8), lastPage: 7, finishedAt: iso.date(from: "2024-03-08T10:00:00Z")))
        #expect(progress["forward"] == LessonProgress(pagesRead: [0, 1], lastPage: 1))
        let xor = try #require(progress.questions["perceptron-xor"])
        #expect(xor.lessonID == "perceptron")
        // The SM-2 schedule (EF 2.5, I = 6) converted: S = 6, D = 11 − 1.5/0.399723 = 7.247398; due date kept.
        let schedule = try #require(xor.schedule)
        #expect(schedule.stability == 6)
        #expect(abs(schedule.difficulty - 7.247398) < 1e-5)
        #expect(schedule.due == iso.date(from: "2024-03-15T00:00:00Z"))
        #expect(schedule.lastAnswered == iso.date(from: "2024-03-09T10:00:00Z"))
        // History: SM-2 grades 1 (wrong), 4 and 5 become again, good and easy.
        #expect(xor.history.map(\.grade) == [.again, .good, .easy])
        #expect(xor.history.map(\.isRetry) == [false, true, false])
        #expect(xor.history.map(\.seconds) == [12.5, 4, 3])
        #expect(xor.history.map(\.given) == ["1", "3", "3"])
        #expect(progress.knownCount(among: ["perceptron-xor", "perceptron-page-only"]) == 1)
        // A page answer without a schedule is kept in the log, never as a known question.
        #expect(try store.reviewLog().map(\.questionID).sorted() == ["perceptron-page-only", "perceptron-xor", "perceptron-xor", "perceptron-xor"])

        // The old file is untouched, and opening again imports nothing twice.
        #expect(try String(contentsOf: scratch.json, encoding: .utf8) == Self.currentFormat)
        let again = scratch.open()
        #expect(again.notices.isEmpty)
        #expect(try again.reviewLog().count == 4)
        #expect(try again.load() == progress)
    }

    static let hostile: [(name: String, json: String, says: String)] = [
        ("lastPage 1e30", #"{"version": 2, "lessons": {"perceptron": {"pagesRead": [0], "lastPage": 1e30}}}"#,
         "lessons.perceptron.lastPage is 1e+30; it must be a whole number from 0 to 9999"),
        ("intervalDays Int.max", #"{"version": 2, "questions": {"q": {"lessonID": "l", "history": [], "schedule": {"easiness": 2.5, "streak": 1, "intervalDays": 9223372036854775807, "due": "2024-03-15T00:00:00Z", "lastAnswered": "2024-03-09T10:00:00Z"}}}}"#,
         "questions.q.schedule.intervalDays is 9.22337e+18"),
        ("intervalDays -Int.max", #"{"version": 2, "questions": {"q": {"lessonID": "l", "history": [], "schedule": {"easiness": 2.5, "streak": 1, "intervalDays": -9223372036854775807, "due": "2024-03-15T00:00:00Z", "lastAnswered": "2024-03-09T10:00:00Z"}}}}"#,
         "questions.q.schedule.intervalDays is -9.22337e+18"),
        ("easiness 1e308", #"{"version": 2, "questions": {"q": {"lessonID": "l", "schedule": {"easiness": 1e308, "streak": 1, "intervalDays": 1, "due": "2024-03-15T00:00:00Z", "lastAnswered": "2024-03-09T10:00:00Z"}}}}"#,
         "questions.q.schedule.easiness is 1e+308; SM-2 keeps it from 1.3 to 5"),
        ("easiness -1e308", #"{"version": 2, "questions": {"q": {"lessonID": "l", "schedule": {"easiness": -1e308, "streak": 1, "intervalDays": 1, "due": "2024-03-15T00:00:00Z", "lastAnswered": "2024-03-09T10:00:00Z"}}}}"#,
         "questions.q.schedule.easiness is -1e+308"),
        ("streak Int.max", #"{"version": 2, "questions": {"q": {"lessonID": "l", "schedule": {"easiness": 2.5, "streak": 9223372036854775807, "intervalDays": 1, "due": "2024-03-15T00:00:00Z", "lastAnswered": "2024-03-09T10:00:00Z"}}}}"#,
         "questions.q.schedule.streak is 9.22337e+18"),
        ("pages as text", #"{"version": 2, "lessons": {"perceptron": {"pagesRead": "all"}}}"#, "lessons.perceptron.pagesRead should be a list"),
        ("version as text", #"{"version": "2"}"#, "version should be a number"),
        ("a list", #"[1, 2, 3]"#, "the file should be an object"),
        ("truncated", #"{"version": 2, "lessons": {"perceptron""#, "it is not valid JSON"),
        ("a newer format", #"{"version": 3}"#, "written in format 3 by a newer gradschool"),
        ("a bad date", #"{"version": 2, "lessons": {"p": {"pagesRead": [0], "finishedAt": "yesterday"}}}"#, "lessons.p.finishedAt should be a date"),
        ("a boolean page", #"{"version": 2, "lessons": {"p": {"pagesRead": [true]}}}"#, "lessons.p.pagesRead[0] should be a number"),
        ("deep nesting", String(repeating: "[", count: 200_000), "it is not valid JSON"),
        ("deep objects", #"{"version": 2, "lessons": "# + String(repeating: #"{"a": "#, count: 50_000), "it is not valid JSON"),
    ]

    @Test(arguments: hostile.indices)
    func aHostileProgressFileIsSetAsideWithASentence(_ index: Int) throws {
        let (name, json, says) = Self.hostile[index]
        let scratch = try Scratch()
        defer { scratch.remove() }
        try Data(json.utf8).write(to: scratch.json)
        let store = scratch.open()
        #expect(store.notices.count == 1, "\(name)")
        let notice = store.notices.first ?? ""
        #expect(notice.contains("\(scratch.json.path) was not imported"), "\(name): \(notice)")
        #expect(notice.contains(says), "\(name): \(notice)")
        #expect(notice.contains("It is left as it was"), "\(name): \(notice)")
        #expect(try store.load() == LearnerProgress(), "\(name)")
        #expect(try String(contentsOf: scratch.json, encoding: .utf8) == json, "\(name)")
        // Said once: the next start is quiet and copies nothing.
        #expect(scratch.open().notices.isEmpty, "\(name)")
        #expect(try scratch.names() == ["progress.json", "progress.sqlite", "progress.sqlite-shm", "progress.sqlite-wal"].filter {
            FileManager.default.fileExists(atPath: scratch.folder.appendingPathComponent($0).path)
        })
    }

    @Test func aHundredMegabyteProgressFileIsRefusedWithoutReadingIt() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(FileManager.default.createFile(atPath: scratch.json.path, contents: nil))
        let handle = try FileHandle(forWritingTo: scratch.json)
        try handle.truncate(atOffset: 100 << 20)
        try handle.close()
        let started = Date()
        let store = scratch.open()
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(store.notices.first?.contains("it is 100 MB, far larger than any progress file") == true, "\(store.notices)")
        #expect(try store.load() == LearnerProgress())
    }

    /// Issue 19: a progress file that is a directory was copied aside again on every run.
    @Test func aProgressFileThatIsADirectoryIsLeftAloneAndReportedOnce() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(at: scratch.json, withIntermediateDirectories: true)
        let first = scratch.open()
        #expect(first.notices == ["The old progress file \(scratch.json.path) is a directory, not a file: it was left alone and nothing was imported from it."])
        for _ in 0..<3 { #expect(scratch.open().notices.isEmpty) }
        #expect(try scratch.names().filter { $0.hasPrefix("progress.json") } == ["progress.json"])

        // The database's own path taken by a directory: nothing is saved, and it says so.
        let other = try Scratch()
        defer { other.remove() }
        try FileManager.default.createDirectory(at: other.database, withIntermediateDirectories: true)
        let blocked = other.open()
        #expect(!blocked.isWritable)
        #expect(blocked.notices.first?.contains("is a directory, not a database") == true)
        #expect(try other.names() == ["progress.sqlite"])
    }

    /// Issue 19: `chmod 444` on the progress file was silently undone by the next save.
    @Test func aReadOnlyProgressFileStaysReadOnlyAndIsStillShown() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.open().record(.pageRead(lessonID: "perceptron", page: 3, pageCount: 8, at: day))
        #expect(chmod(scratch.database.path, 0o444) == 0)
        let store = scratch.open()
        #expect(!store.isWritable)
        #expect(store.notices.first?.contains("is read-only, so nothing you do now will be saved") == true, "\(store.notices)")
        #expect(try store.load()["perceptron"].pagesRead == [3])
        var status = stat()
        #expect(stat(scratch.database.path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o444)
    }

    @Test func aDamagedDatabaseIsSetAsideAndAFreshOneStarted() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let garbage = Data((0..<8_192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: scratch.database)
        let store = scratch.open()
        #expect(store.isWritable)
        let notice = try #require(store.notices.first)
        #expect(notice.contains("Your progress file \(scratch.database.path) is damaged"))
        let aside = try #require(try scratch.names().first { $0.hasPrefix("progress.sqlite.damaged-") })
        #expect(notice.contains(aside))
        #expect(try Data(contentsOf: scratch.folder.appendingPathComponent(aside)) == garbage)
        try store.record(.pageRead(lessonID: "perceptron", page: 0, pageCount: 8, at: day))
        #expect(try scratch.open().load().hasOpened("perceptron"))
    }

    @Test func aDatabaseFromANewerVersionIsShownButNotWritten() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.open().record(.pageRead(lessonID: "perceptron", page: 2, pageCount: 8, at: day))
        try DatabaseQueue(path: scratch.database.path).write { db in try db.execute(sql: "PRAGMA user_version = 99") }
        let store = scratch.open()
        #expect(!store.isWritable)
        #expect(store.notices.first?.contains("written by a newer gradschool (schema 99)") == true, "\(store.notices)")
        #expect(try store.load()["perceptron"].pagesRead == [2])
    }
}
