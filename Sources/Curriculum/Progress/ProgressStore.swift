import Foundation
import GRDB

/// The learner's progress in a SQLite database, by default `$XDG_DATA_HOME/gradschool/progress.sqlite`
/// (see `ProgressProfile` for several learners on one account).
///
/// Several tutors and quizzes on one profile may run at once: the database is in WAL mode, and every
/// event (a page read, an answer) is its own small transaction that reads and changes only what it
/// touches, so each process's events are all kept, and a kill at any moment leaves every committed one.
/// The schema is versioned (`PRAGMA user_version`) and upgraded in order. A `progress.json` of earlier
/// versions beside it is imported once and kept, unchanged, as a backup. A damaged database is set aside
/// under a new name with a sentence, and a fresh one started; it is never overwritten.
public struct ProgressStore: Sendable {
    /// The database file.
    public let file: URL
    /// The JSON file of earlier versions, imported once.
    public let legacyFile: URL?
    /// Sentences for the learner about what opening found (an import, a damaged file set aside, …).
    public let notices: [String]
    /// False when nothing can be saved this time (a read-only file, a directory in the way); the
    /// notices say why.
    public let isWritable: Bool
    private let database: any DatabaseWriter

    /// The database file beside `jsonFile` (`progress.json` → `progress.sqlite`).
    public static func databaseFile(besideJSON jsonFile: URL) -> URL {
        jsonFile.deletingLastPathComponent().appendingPathComponent("progress.sqlite")
    }

    /// Opens (or creates) the store at `file`, importing `legacyFile` the first time. Never fails: when
    /// the file cannot be used the store keeps progress in memory only, and `notices` say so.
    public init(file: URL, legacyFile: URL? = nil, calendar: Calendar = .current) {
        self.file = file
        self.legacyFile = legacyFile
        var notices: [String] = []
        let opened = Self.open(file, notices: &notices)
        database = opened.database
        isWritable = opened.writable
        if opened.writable, let legacyFile {
            Self.importOnce(legacyFile, into: opened.database, databaseFile: file, calendar: calendar, notices: &notices)
        }
        self.notices = notices
    }

    // MARK: Opening

    /// The newest schema this code writes.
    public static let schemaVersion = 1

    /// Each schema version's statements, applied in order to bring an older database up to date.
    static let migrations: [(version: Int, sql: String)] = [
        (1, """
        CREATE TABLE lesson (
            lesson_id TEXT PRIMARY KEY NOT NULL CHECK (length(lesson_id) BETWEEN 1 AND 200),
            last_page INTEGER NOT NULL DEFAULT 0 CHECK (last_page BETWEEN 0 AND 9999),
            finished_at REAL CHECK (finished_at IS NULL OR finished_at BETWEEN 0 AND 7258118400)
        );
        CREATE TABLE page_read (
            lesson_id TEXT NOT NULL,
            page INTEGER NOT NULL CHECK (page BETWEEN 0 AND 9999),
            first_read_at REAL NOT NULL CHECK (first_read_at BETWEEN 0 AND 7258118400),
            last_read_at REAL NOT NULL CHECK (last_read_at BETWEEN 0 AND 7258118400),
            times_read INTEGER NOT NULL DEFAULT 1 CHECK (times_read >= 0),
            PRIMARY KEY (lesson_id, page)
        );
        CREATE TABLE schedule (
            question_id TEXT PRIMARY KEY NOT NULL CHECK (length(question_id) BETWEEN 1 AND 200),
            lesson_id TEXT NOT NULL,
            difficulty REAL NOT NULL CHECK (difficulty BETWEEN 1 AND 10),
            stability REAL NOT NULL CHECK (stability BETWEEN 0.001 AND 36500),
            due REAL NOT NULL CHECK (due BETWEEN 0 AND 7258118400),
            last_answered REAL NOT NULL CHECK (last_answered BETWEEN 0 AND 7258118400),
            reviews INTEGER NOT NULL CHECK (reviews BETWEEN 0 AND 1000000),
            lapses INTEGER NOT NULL CHECK (lapses BETWEEN 0 AND 1000000)
        );
        CREATE TABLE review (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            question_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            answered_at REAL NOT NULL CHECK (answered_at BETWEEN 0 AND 7258118400),
            seconds REAL NOT NULL CHECK (seconds BETWEEN 0 AND 3600),
            correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
            grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 4),
            given TEXT NOT NULL,
            counted INTEGER NOT NULL CHECK (counted IN (0, 1)),
            kind TEXT NOT NULL,
            source TEXT NOT NULL,
            difficulty_before REAL, stability_before REAL, due_before REAL,
            difficulty_after REAL, stability_after REAL, due_after REAL
        );
        CREATE INDEX review_by_question ON review (question_id, id);
        CREATE TRIGGER review_is_append_only BEFORE UPDATE ON review
            BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
        CREATE TABLE setting (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
        CREATE TABLE note (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
        """),
    ]

    private static func configuration(readOnly: Bool) -> Configuration {
        var configuration = Configuration()
        // Another tutor may hold the write lock for a moment; wait for it rather than fail.
        configuration.busyMode = .timeout(15)
        configuration.readonly = readOnly
        configuration.label = "progress"
        return configuration
    }

    private static func open(_ file: URL, notices: inout [String]) -> (database: any DatabaseWriter, writable: Bool) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: file.path, isDirectory: &isDirectory), isDirectory.boolValue {
            notices.append("Your progress file \(file.path) is a directory, not a database: it was left alone and nothing "
                           + "will be saved this time. Move it away to keep your progress again.")
            return (inMemory(), false)
        }
        let directory = file.deletingLastPathComponent()
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            notices.append("The progress directory \(directory.path) cannot be created (\(error.localizedDescription)); nothing "
                           + "will be saved this time. Check its permissions or set XDG_DATA_HOME.")
            return (inMemory(), false)
        }
        if manager.fileExists(atPath: file.path), isReadOnly(file) || access(directory.path, W_OK) != 0 {
            notices.append("Your progress file \(file.path) is read-only, so nothing you do now will be saved. Make it writable "
                           + "again (chmod u+w) to keep your progress.")
            return (readOnlyCopy(of: file, notices: &notices), false)
        }
        do {
            return (try openWritableWaiting(file), true)
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) || error.message == damagedMessage {
            let aside = setAside(file)
            let outcome = aside.map { "it was moved to \($0.path)" } ?? "it could not be moved aside, so it is left as it was"
            notices.append("Your progress file \(file.path) is damaged (\(error.message ?? "not a database")): \(outcome), "
                           + "and a fresh one was started.")
            if aside == nil { return (inMemory(), false) }
            do {
                return (try openWritable(file), true)
            } catch {
                notices.append("A fresh progress file \(file.path) cannot be created either (\(error)); nothing will be saved this time.")
                return (inMemory(), false)
            }
        } catch let error as StoreOpening {
            notices.append(error.sentence(file))
            return (readOnlyCopy(of: file, notices: &notices), false)
        } catch {
            notices.append("Your progress file \(file.path) cannot be opened (\(error)); nothing will be saved this time.")
            return (inMemory(), false)
        }
    }

    private static let damagedMessage = "the integrity check failed"

    /// Whether the learner made the file read-only (no write permission for its owner), or it cannot
    /// be written by this process. The owner's bit is checked too, so `chmod 444` holds even for root.
    private static func isReadOnly(_ file: URL) -> Bool {
        var status = stat()
        guard stat(file.path, &status) == 0 else { return false }
        return status.st_mode & S_IWUSR == 0 || access(file.path, W_OK) != 0
    }

    /// Why a database that is whole cannot be used for writing.
    private enum StoreOpening: Error {
        case newerSchema(Int)
        func sentence(_ file: URL) -> String {
            switch self {
            case .newerSchema(let version):
                "Your progress file \(file.path) was written by a newer gradschool (schema \(version)); it is shown but "
                    + "nothing will be saved. Update gradschool to keep your progress."
            }
        }
    }

    /// Opens for writing, waiting out another tutor that is creating the same file at this very moment: while
    /// it turns a new file to WAL, SQLite can answer busy (without waiting on its own), and a file caught half
    /// made can read as not a database. A file still unreadable after a few tries is damaged.
    private static func openWritableWaiting(_ file: URL) throws -> DatabasePool {
        var attempt = 0
        while true {
            do {
                return try openWritable(file)
            } catch let error as DatabaseError where attempt < 40 && [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_NOTADB].contains(error.resultCode) {
                attempt += 1
                usleep(50_000)
            }
        }
    }

    private static func openWritable(_ file: URL) throws -> DatabasePool {
        let pool = try DatabasePool(path: file.path, configuration: configuration(readOnly: false))
        try pool.writeWithoutTransaction { db in
            let check = try String.fetchOne(db, sql: "PRAGMA quick_check") ?? ""
            guard check == "ok" else { throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: damagedMessage) }
            try db.inTransaction(.immediate) {
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                if version > schemaVersion { throw StoreOpening.newerSchema(version) }
                for migration in migrations where migration.version > version {
                    try db.execute(sql: migration.sql)
                    try db.execute(sql: "PRAGMA user_version = \(migration.version)")
                }
                return .commit
            }
        }
        return pool
    }

    /// The damaged file (with its `-wal` and `-shm`) renamed to `progress.sqlite.damaged-<time>`.
    private static func setAside(_ file: URL) -> URL? {
        let base = "\(file.lastPathComponent).damaged-\(Int(Date().timeIntervalSince1970))"
        let directory = file.deletingLastPathComponent()
        var aside = directory.appendingPathComponent(base)
        var counter = 2
        while FileManager.default.fileExists(atPath: aside.path) {
            aside = directory.appendingPathComponent("\(base)-\(counter)")
            counter += 1
        }
        guard rename(file.path, aside.path) == 0 else { return nil }
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: file.path + suffix) {
            _ = rename(file.path + suffix, aside.path + suffix)
        }
        return aside
    }

    private static func inMemory() -> DatabaseQueue {
        // An in-memory database cannot fail to open, short of running out of memory.
        let queue = try! DatabaseQueue(configuration: configuration(readOnly: false))
        try? queue.write { db in
            for migration in migrations { try db.execute(sql: migration.sql) }
        }
        return queue
    }

    /// The file's progress copied into memory, to show what it holds without writing to it.
    private static func readOnlyCopy(of file: URL, notices: inout [String]) -> DatabaseQueue {
        do {
            let source = try DatabaseQueue(path: file.path, configuration: configuration(readOnly: true))
            let copy = try DatabaseQueue(configuration: configuration(readOnly: false))
            try source.backup(to: copy)
            return copy
        } catch {
            notices.append("Its progress could not be read either (\(error)); starting with none.")
            return inMemory()
        }
    }

    // MARK: Importing progress.json

    private static func importOnce(_ legacyFile: URL, into database: any DatabaseWriter, databaseFile: URL, calendar: Calendar,
                                   notices: inout [String]) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: legacyFile.path, isDirectory: &isDirectory) else { return }
        let outcome: String
        var contents: LegacyProgressFile.Contents?
        if isDirectory.boolValue {
            outcome = "The old progress file \(legacyFile.path) is a directory, not a file: it was left alone and nothing was imported from it."
        } else if let size = (try? manager.attributesOfItem(atPath: legacyFile.path)[.size] as? NSNumber)?.intValue,
                  size > LegacyProgressFile.maximumBytes {
            outcome = "The old progress file \(legacyFile.path) was not imported: it is \(size >> 20) MB, far larger than any "
                + "progress file. It is left as it was; starting with no progress."
        } else {
            do {
                let data = try Data(contentsOf: legacyFile)
                contents = try LegacyProgressFile.read(data, scheduler: ReviewScheduler(calendar: calendar))
                outcome = "Your progress was imported from \(legacyFile.path) into \(databaseFile.path); the old file is kept "
                    + "unchanged as a backup."
            } catch let refusal as LegacyProgressFile.Refusal {
                outcome = "The old progress file \(legacyFile.path) was not imported: \(refusal.reason). It is left as it was; "
                    + "starting with no progress."
            } catch {
                outcome = "The old progress file \(legacyFile.path) could not be read (\(error.localizedDescription)). It is left "
                    + "as it was; starting with no progress."
            }
        }
        do {
            var imported = false
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    // Another tutor may have imported it a moment ago.
                    guard try String.fetchOne(db, sql: "SELECT value FROM note WHERE key = 'legacy-import'") == nil else { return .rollback }
                    if let contents { try write(contents, db) }
                    try db.execute(sql: "INSERT INTO note (key, value) VALUES ('legacy-import', ?)", arguments: [outcome])
                    imported = true
                    return .commit
                }
            }
            if imported { notices.append(outcome) }
        } catch {
            notices.append("The old progress file \(legacyFile.path) could not be imported (\(error)); it is left as it was.")
        }
    }

    private static func write(_ contents: LegacyProgressFile.Contents, _ db: Database) throws {
        for (lessonID, lesson) in contents.lessons {
            try db.execute(sql: "INSERT INTO lesson (lesson_id, last_page, finished_at) VALUES (?, ?, ?)",
                           arguments: [lessonID, lesson.lastPage, lesson.finishedAt?.timeIntervalSince1970])
            let when = lesson.finishedAt?.timeIntervalSince1970 ?? 0
            for page in lesson.pagesRead {
                try db.execute(sql: "INSERT INTO page_read (lesson_id, page, first_read_at, last_read_at) VALUES (?, ?, ?, ?)",
                               arguments: [lessonID, page, when, when])
            }
        }
        for (questionID, review) in contents.questions.sorted(by: { $0.key < $1.key }) {
            for attempt in review.history {
                try insertReview(questionID: questionID, lessonID: review.lessonID, attempt: attempt, kind: "unknown",
                                 source: "imported", before: nil, after: nil, db)
            }
            if let schedule = review.schedule { try upsert(schedule, questionID: questionID, lessonID: review.lessonID, db) }
        }
        for answer in contents.pageAnswers where contents.questions[answer.questionID] == nil {
            try insertReview(questionID: answer.questionID, lessonID: answer.lessonID,
                             attempt: Attempt(date: answer.date, correct: answer.correct, grade: answer.correct ? .good : .again,
                                              seconds: 0, given: "", isRetry: true),
                             kind: "unknown", source: "imported", before: nil, after: nil, db)
        }
    }

    // MARK: Events

    /// Writes one event in its own transaction; the schedule of an answer is worked out from the
    /// schedule in the database at that moment, so two tutors answering never undo each other.
    public func record(_ event: ProgressEvent, calendar: Calendar = .current) throws(ProgressStoreError) {
        if let problem = event.problem { throw .refused(problem) }
        do {
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try Self.apply(event, calendar: calendar, db)
                    return .commit
                }
            }
        } catch {
            throw .cannotWrite(file.path, reason: Self.describe(error))
        }
    }

    private static func apply(_ event: ProgressEvent, calendar: Calendar, _ db: Database) throws {
        switch event {
        case .pageRead(let lessonID, let page, let pageCount, let date):
            let time = date.timeIntervalSince1970
            try db.execute(sql: """
                INSERT INTO page_read (lesson_id, page, first_read_at, last_read_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (lesson_id, page) DO UPDATE SET last_read_at = excluded.last_read_at, times_read = times_read + 1
                """, arguments: [lessonID, page, time, time])
            try db.execute(sql: """
                INSERT INTO lesson (lesson_id, last_page) VALUES (?, ?)
                ON CONFLICT (lesson_id) DO UPDATE SET last_page = excluded.last_page
                """, arguments: [lessonID, page])
            if pageCount > 0 {
                let read = try Int.fetchOne(db, sql: "SELECT count(*) FROM page_read WHERE lesson_id = ? AND page < ?",
                                            arguments: [lessonID, pageCount]) ?? 0
                if read == pageCount {
                    try db.execute(sql: "UPDATE lesson SET finished_at = ? WHERE lesson_id = ? AND finished_at IS NULL",
                                   arguments: [time, lessonID])
                }
            }
        case .answered(let answer):
            let before = try schedule(of: answer.questionID, db)
            var after: QuestionSchedule?
            if answer.counts {
                let settings = try loadSettings(db)
                let scheduler = ReviewScheduler(desiredRetention: settings.desiredRetention, calendar: calendar)
                let next = scheduler.schedule(after: before, grade: answer.grade, at: answer.answeredAt)
                try upsert(next, questionID: answer.questionID, lessonID: answer.lessonID, db)
                after = next
            }
            try insertReview(questionID: answer.questionID, lessonID: answer.lessonID, attempt: answer.attempt,
                             kind: answer.kind.rawValue, source: answer.source.rawValue, before: before, after: after, db)
        case .questionsDropped(let ids):
            for id in ids { try db.execute(sql: "DELETE FROM schedule WHERE question_id = ?", arguments: [id]) }
        case .setting(let settings):
            try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('desired-retention', ?), ('new-per-day', ?)",
                           arguments: [String(settings.desiredRetention), String(settings.newPerDay)])
        }
    }

    private static func schedule(of questionID: String, _ db: Database) throws -> QuestionSchedule? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM schedule WHERE question_id = ?", arguments: [questionID]) else { return nil }
        return schedule(row)
    }

    private static func schedule(_ row: Row) -> QuestionSchedule {
        QuestionSchedule(difficulty: row["difficulty"], stability: row["stability"],
                         due: Date(timeIntervalSince1970: row["due"]), lastAnswered: Date(timeIntervalSince1970: row["last_answered"]),
                         reviews: row["reviews"], lapses: row["lapses"])
    }

    private static func upsert(_ schedule: QuestionSchedule, questionID: String, lessonID: String, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO schedule (question_id, lesson_id, difficulty, stability, due, last_answered, reviews, lapses)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [questionID, lessonID, schedule.difficulty, schedule.stability, schedule.due.timeIntervalSince1970,
                             schedule.lastAnswered.timeIntervalSince1970, schedule.reviews, schedule.lapses])
    }

    private static func insertReview(questionID: String, lessonID: String, attempt: Attempt, kind: String, source: String,
                                     before: QuestionSchedule?, after: QuestionSchedule?, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO review (question_id, lesson_id, answered_at, seconds, correct, grade, given, counted, kind, source,
                                difficulty_before, stability_before, due_before, difficulty_after, stability_after, due_after)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [questionID, lessonID, attempt.date.timeIntervalSince1970, attempt.seconds, attempt.correct,
                             attempt.grade.rawValue, attempt.given, !attempt.isRetry, kind, source,
                             before?.difficulty, before?.stability, before?.due.timeIntervalSince1970,
                             after?.difficulty, after?.stability, after?.due.timeIntervalSince1970])
    }

    private static func loadSettings(_ db: Database) throws -> ProgressSettings {
        var settings = ProgressSettings()
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM setting") {
            let key: String = row["key"], value: String = row["value"]
            if key == "desired-retention", let retention = Double(value), ReviewScheduler.retentionRange.contains(retention) {
                settings.desiredRetention = retention
            }
            if key == "new-per-day", let count = Int(value), ProgressLimits.newPerDay.contains(count) { settings.newPerDay = count }
        }
        return settings
    }

    // MARK: Reading

    /// Everything the screens need: lessons, schedules, each question's latest answers, settings.
    public func load() throws(ProgressStoreError) -> LearnerProgress {
        do {
            return try database.read { db in
                var progress = LearnerProgress()
                progress.settings = try Self.loadSettings(db)
                for row in try Row.fetchAll(db, sql: "SELECT lesson_id, last_page, finished_at FROM lesson") {
                    let finished: Double? = row["finished_at"]
                    progress.lessons[row["lesson_id"]] = LessonProgress(lastPage: row["last_page"],
                                                                       finishedAt: finished.map(Date.init(timeIntervalSince1970:)))
                }
                for row in try Row.fetchAll(db, sql: "SELECT lesson_id, page FROM page_read") {
                    progress.lessons[row["lesson_id"], default: LessonProgress()].pagesRead.insert(row["page"])
                }
                for row in try Row.fetchAll(db, sql: "SELECT * FROM schedule") {
                    progress.questions[row["question_id"]] = QuestionReview(lessonID: row["lesson_id"], schedule: Self.schedule(row))
                }
                let recent = try Row.fetchAll(db, sql: """
                    SELECT * FROM (SELECT review.*, row_number() OVER (PARTITION BY question_id ORDER BY id DESC) AS age FROM review)
                    WHERE age <= ? ORDER BY id
                    """, arguments: [QuestionReview.historyLimit])
                for row in recent {
                    let questionID: String = row["question_id"]
                    guard progress.questions[questionID] != nil || (row["source"] as String) != "imported" else { continue }
                    let attempt = Attempt(date: Date(timeIntervalSince1970: row["answered_at"]), correct: row["correct"],
                                          grade: RecallGrade(rawValue: row["grade"]) ?? .good, seconds: row["seconds"],
                                          given: row["given"], isRetry: !(row["counted"] as Bool))
                    progress.questions[questionID, default: QuestionReview(lessonID: row["lesson_id"])].record(attempt)
                }
                return progress
            }
        } catch {
            throw .cannotRead(file.path, reason: Self.describe(error))
        }
    }

    /// Every answer ever given, oldest first.
    public func reviewLog() throws(ProgressStoreError) -> [ReviewLogEntry] {
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM review ORDER BY id").map(ReviewLogEntry.init(row:))
            }
        } catch {
            throw .cannotRead(file.path, reason: Self.describe(error))
        }
    }

    /// How many times each page of each lesson was opened, for checking that no event was lost.
    public func pageReadCounts() throws(ProgressStoreError) -> [String: [Int: Int]] {
        do {
            return try database.read { db in
                var counts: [String: [Int: Int]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT lesson_id, page, times_read FROM page_read") {
                    counts[row["lesson_id"], default: [:]][row["page"]] = row["times_read"]
                }
                return counts
            }
        } catch {
            throw .cannotRead(file.path, reason: Self.describe(error))
        }
    }

    /// A number that changes whenever another process commits to the database, so a tutor can tell
    /// when to read the progress again.
    public func changeCounter() -> Int? {
        try? database.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") }
    }

    /// Whether SQLite finds the database whole.
    public func integrityCheck() -> String {
        (try? database.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }) ?? "cannot be read"
    }

    /// Erases every lesson, answer and schedule (for `gradschool progress --reset`); the note that the old
    /// JSON file was imported stays, so it is not imported again.
    public func erase() throws(ProgressStoreError) {
        guard isWritable else { throw .cannotErase(file.path, reason: notices.last ?? "it cannot be written") }
        do {
            try database.write { db in
                for table in ["lesson", "page_read", "schedule", "review", "setting"] { try db.execute(sql: "DELETE FROM \(table)") }
            }
        } catch {
            throw .cannotErase(file.path, reason: Self.describe(error))
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }
}

/// Why progress could not be saved, read or erased.
public enum ProgressStoreError: Error, Equatable, CustomStringConvertible {
    case refused(String)
    case cannotWrite(String, reason: String)
    case cannotRead(String, reason: String)
    case cannotErase(String, reason: String)

    public var description: String {
        switch self {
        case .refused(let problem):
            "progress was not saved because \(problem); please report this as a bug"
        case .cannotWrite(let path, let reason):
            "cannot write \(path) (\(reason)): check free space and permissions, or set XDG_DATA_HOME"
        case .cannotRead(let path, let reason):
            "cannot read \(path) (\(reason)): check its permissions"
        case .cannotErase(let path, let reason):
            "cannot erase \(path) (\(reason)): check its permissions, or delete it by hand"
        }
    }
}
