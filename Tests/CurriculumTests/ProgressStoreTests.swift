import Foundation
import Testing
@testable import Curriculum

@Suite("Progress store")
struct ProgressStoreTests {
    func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("progress-\(UUID().uuidString)/gradschool/progress.json")
    }

    func removeScratch(_ store: ProgressStore) {
        try? FileManager.default.removeItem(at: store.file.deletingLastPathComponent().deletingLastPathComponent())
    }

    func write(_ text: String, to store: ProgressStore) throws {
        try FileManager.default.createDirectory(at: store.file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: store.file)
    }

    func directoryNames(_ store: ProgressStore) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: store.file.deletingLastPathComponent().path).sorted()
    }

    @Test func defaultFileFollowsXDG() {
        #expect(ProgressStore.defaultFile(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/ada"]).path
                == "/data/gradschool/progress.json")
        #expect(ProgressStore.defaultFile(environment: ["HOME": "/home/ada"]).path
                == "/home/ada/.local/share/gradschool/progress.json")
        // A relative XDG_DATA_HOME is invalid by the specification and ignored.
        #expect(ProgressStore.defaultFile(environment: ["XDG_DATA_HOME": "data", "HOME": "/home/ada"]).path
                == "/home/ada/.local/share/gradschool/progress.json")
    }

    @Test func savedProgressLoadsBack() throws {
        let store = ProgressStore(file: temporaryFile())
        defer { try? FileManager.default.removeItem(at: store.file.deletingLastPathComponent().deletingLastPathComponent()) }
        #expect(store.load().progress == LearnerProgress())
        var progress = LearnerProgress()
        progress["perceptron"].pagesRead = [0, 2]
        progress["perceptron"].lastPage = 2
        progress["perceptron"].quizAnswers["xor"] = QuizAnswer(choice: 1, correct: true, answeredAt: Date(timeIntervalSince1970: 1_700_000_000))
        try store.save(progress)
        let loaded = store.load()
        #expect(loaded.notice == nil)
        #expect(loaded.progress == progress)
        #expect(loaded.progress["perceptron"].correctAnswers(among: ["xor", "other"]) == 1)
        // Nothing but the progress file is left behind in its directory.
        let names = try FileManager.default.contentsOfDirectory(atPath: store.file.deletingLastPathComponent().path)
        #expect(names == ["progress.json"])
    }

    @Test func aCorruptFileIsKeptAsideAndTheLearnerTold() throws {
        let store = ProgressStore(file: temporaryFile())
        defer { try? FileManager.default.removeItem(at: store.file.deletingLastPathComponent().deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: store.file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{\"version\": 1, \"lessons\": {\"x\": 12".utf8).write(to: store.file)
        let loaded = store.load()
        #expect(loaded.progress == LearnerProgress())
        let notice = try #require(loaded.notice)
        #expect(notice.contains("could not be used"))
        let names = try FileManager.default.contentsOfDirectory(atPath: store.file.deletingLastPathComponent().path)
        let aside = try #require(names.first { $0.hasPrefix("progress.json.unreadable-") })
        #expect(notice.contains(aside))
        let copied = try Data(contentsOf: store.file.deletingLastPathComponent().appendingPathComponent(aside))
        #expect(String(decoding: copied, as: UTF8.self) == "{\"version\": 1, \"lessons\": {\"x\": 12")
    }

    /// A file written by the first tutor (format 1: lessons only, no questions, no finishing dates).
    static let versionOneFile = """
    {
      "lessons" : {
        "perceptron" : {
          "lastPage" : 3,
          "pagesRead" : [0, 1, 2, 3],
          "quizAnswers" : {
            "perceptron-xor" : { "answeredAt" : "2024-03-01T10:00:00Z", "choice" : 2, "correct" : true }
          }
        }
      },
      "version" : 1
    }
    """

    @Test func aVersionOneFileLoadsAndIsWrittenBackAsTheCurrentVersion() throws {
        let store = ProgressStore(file: temporaryFile())
        defer { removeScratch(store) }
        try write(Self.versionOneFile, to: store)
        let loaded = store.load()
        #expect(loaded.notice == nil)
        #expect(loaded.progress.version == LearnerProgress.currentVersion)
        #expect(loaded.progress["perceptron"].pagesRead == [0, 1, 2, 3])
        #expect(loaded.progress["perceptron"].lastPage == 3)
        #expect(loaded.progress["perceptron"].quizAnswers["perceptron-xor"]?.correct == true)
        #expect(loaded.progress["perceptron"].finishedAt == nil)
        #expect(loaded.progress.questions.isEmpty)

        try store.save(loaded.progress)
        let text = try String(contentsOf: store.file, encoding: .utf8)
        #expect(text.contains("\"version\" : 2"))
        #expect(store.load().progress == loaded.progress)
    }

    @Test func schedulesAndHistoriesRoundTrip() throws {
        let store = ProgressStore(file: temporaryFile())
        defer { removeScratch(store) }
        let day = Date(timeIntervalSince1970: 1_710_028_800)
        var progress = LearnerProgress()
        progress["perceptron"].markRead(page: 0, of: 1, at: day)
        let schedule = QuestionSchedule(easiness: 2.36, streak: 3, intervalDays: 15, due: day.addingTimeInterval(15 * 86_400), lastAnswered: day)
        progress.questions["perceptron-xor"] = QuestionReview(lessonID: "perceptron", schedule: schedule, history: [
            Attempt(date: day, correct: false, grade: .wrong, seconds: 12.5, given: "1"),
            Attempt(date: day.addingTimeInterval(60), correct: true, grade: .good, seconds: 4, given: "3", isRetry: true),
        ])
        try store.save(progress)
        let loaded = store.load()
        #expect(loaded.notice == nil)
        #expect(loaded.progress == progress)
        #expect(loaded.progress["perceptron"].finishedAt == day)
    }

    @Test func aFileFromANewerVersionIsKeptAsideNotOverwritten() throws {
        let store = ProgressStore(file: temporaryFile())
        defer { removeScratch(store) }
        let newer = "{\"version\": 9, \"lessons\": {}, \"badges\": []}"
        try write(newer, to: store)
        let loaded = store.load()
        #expect(loaded.progress == LearnerProgress())
        #expect(loaded.mayOverwrite)
        let notice = try #require(loaded.notice)
        #expect(notice.contains("newer gradschool (format 9)"))
        let backup = try #require(loaded.backup)
        #expect(try String(contentsOf: backup, encoding: .utf8) == newer)
        #expect(notice.contains(backup.path))
    }

    @Test(arguments: ["", "   ", "\u{0}\u{1}binary", "[1, 2, 3]", "{\"lessons\": {}}", "{\"version\": \"two\"}"])
    func everyKindOfBrokenFileIsBackedUpAndTheTutorStartsFresh(_ contents: String) throws {
        let store = ProgressStore(file: temporaryFile())
        defer { removeScratch(store) }
        try write(contents, to: store)
        let loaded = store.load()
        #expect(loaded.progress == LearnerProgress())
        #expect(loaded.notice?.contains("not valid progress JSON") == true)
        let backup = try #require(loaded.backup)
        #expect(try Data(contentsOf: backup) == Data(contents.utf8))
        // The broken file itself is untouched until the next save replaces it.
        #expect(try Data(contentsOf: store.file) == Data(contents.utf8))
    }

    @Test func twoBrokenLoadsInOneSecondKeepTwoBackups() throws {
        let store = ProgressStore(file: temporaryFile())
        defer { removeScratch(store) }
        try write("first broken", to: store)
        let first = try #require(store.load().backup)
        try write("second broken", to: store)
        let second = try #require(store.load().backup)
        #expect(first != second)
        #expect(try String(contentsOf: first, encoding: .utf8) == "first broken")
        #expect(try String(contentsOf: second, encoding: .utf8) == "second broken")
    }

    @Test func aFileThatCannotEvenBeCopiedAsideIsLeftAloneAndMustNotBeSavedOver() throws {
        // Reading /proc/self/mem from its start fails (even for root), and nothing can be created
        // beside it, so the store can neither use the file nor keep a copy of it.
        let store = ProgressStore(file: URL(fileURLWithPath: "/proc/self/mem"))
        let loaded = store.load()
        #expect(loaded.progress == LearnerProgress())
        #expect(!loaded.mayOverwrite)
        #expect(loaded.backup == nil)
        let notice = try #require(loaded.notice)
        #expect(notice.contains("could not be read"))
        #expect(notice.contains("nothing will be saved"))
    }

    @Test func temporaryFilesOfKilledWritersAreRemovedAndThoseOfLiveOnesKept() throws {
        let store = ProgressStore(file: temporaryFile())
        defer { removeScratch(store) }
        try store.save(LearnerProgress())
        // A process id no process has: look for one that kill(pid, 0) reports as missing.
        var deadID: pid_t = 4_000_000
        while kill(deadID, 0) == 0 || errno != ESRCH { deadID -= 1 }
        let abandoned = store.temporaryFile(for: deadID)
        let live = store.temporaryFile(for: getppid())
        try Data("half a fi".utf8).write(to: abandoned)
        try Data("being written".utf8).write(to: live)
        _ = store.load()
        #expect(!FileManager.default.fileExists(atPath: abandoned.path))
        #expect(FileManager.default.fileExists(atPath: live.path))
    }

    @Test func erasingRemovesTheFileAndErasingNothingIsFine() throws {
        let store = ProgressStore(file: temporaryFile())
        defer { removeScratch(store) }
        try store.erase()
        try store.save(LearnerProgress(lessons: ["perceptron": LessonProgress(pagesRead: [0])]))
        try store.erase()
        #expect(!FileManager.default.fileExists(atPath: store.file.path))
        #expect(store.load().progress == LearnerProgress())
    }

    @Test func savingWhereNoDirectoryCanBeMadeThrowsATypedError() {
        let store = ProgressStore(file: URL(fileURLWithPath: "/proc/gradschool-cannot-exist/progress.json"))
        #expect(throws: ProgressStoreError.self) { try store.save(LearnerProgress()) }
    }
}
