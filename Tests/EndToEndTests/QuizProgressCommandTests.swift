import App
import ArgumentParser
import Curriculum
import Foundation
import Testing
@testable import gradschool

/// `gradschool progress` and `gradschool quiz` from a shell: the summary, resetting, profiles, a broken
/// progress file, and a progress file that survives being killed mid-write.
@Suite("gradschool progress and quiz, end to end")
struct QuizProgressCommandTests {
    static let lessons = TutorInTerminalTests.packageRoot.appendingPathComponent("lessons").path

    /// Runs the binary with `input` on its standard input.
    static func run(_ arguments: [String], input: String, in folder: URL, environment: [String: String]) throws -> GradschoolBinary.Result {
        let inputURL = folder.appendingPathComponent(".stdin-\(UUID().uuidString)")
        try Data(input.utf8).write(to: inputURL)
        defer { try? FileManager.default.removeItem(at: inputURL) }
        let outputURL = folder.appendingPathComponent(".stdout-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let process = Process()
        process.executableURL = GradschoolBinary.url
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = try FileHandle(forReadingFrom: inputURL)
        let output = try FileHandle(forWritingTo: outputURL)
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        try output.close()
        return GradschoolBinary.Result(status: process.terminationStatus,
                                       output: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self), error: "")
    }

    /// Progress of a learner who finished the perceptron lesson and answered two of its questions.
    static func sampleProgress(now: Date) -> LearnerProgress {
        var progress = LearnerProgress()
        for page in 0..<8 { progress["perceptron"].markRead(page: page, of: 8, at: now.addingTimeInterval(-86_400)) }
        let scheduler = ReviewScheduler()
        var right = QuestionReview(lessonID: "perceptron")
        right.schedule = scheduler.schedule(after: nil, grade: .good, at: now)
        right.record(Attempt(date: now, correct: true, grade: .good, seconds: 5, given: "2"))
        progress.questions["perceptron-update"] = right
        var wrong = QuestionReview(lessonID: "perceptron")
        wrong.schedule = scheduler.schedule(after: nil, grade: .wrong, at: now.addingTimeInterval(-3 * 86_400))
        wrong.record(Attempt(date: now, correct: false, grade: .wrong, seconds: 9, given: "1"))
        progress.questions["perceptron-xor"] = wrong
        return progress
    }

    @Test func progressPrintsLessonsPagesAccuracyAndWhatIsDue() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = ["XDG_DATA_HOME": folder.url.path]
        let file = try ProgressProfile.file(profile: nil, environment: environment)
        try ProgressStore(file: file).save(Self.sampleProgress(now: Date()))

        let result = try GradschoolBinary.run(["progress", "--lessons", Self.lessons], in: folder.url, environment: environment)
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "Progress of the default learner, kept in \(file.path)")
        let perceptron = try #require(lines.first { $0.contains("The perceptron") })
        #expect(perceptron.contains("8/8"))
        #expect(perceptron.contains("1 of 2 (50%)"))
        #expect(perceptron.hasSuffix("1"), "one question (the wrong one, three days ago) is due: \(perceptron)")
        #expect(lines.contains { $0.contains("The forward pass") && $0.contains("0/") })
        #expect(result.output.contains("Questions: 1 due now"))
        #expect(result.output.contains("Answered: 1 of 2 right on the first try (50%)."))
        #expect(result.output.contains("Run 'gradschool quiz' to answer them."))
    }

    @Test func theSummaryTextReadsWellForLessonsThatAreGone() throws {
        let now = Date(timeIntervalSince1970: 1_710_061_200)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var progress = LearnerProgress()
        progress["old-lesson"].pagesRead = [0, 1]
        var review = QuestionReview(lessonID: "old-lesson")
        review.schedule = ReviewScheduler(calendar: calendar).schedule(after: nil, grade: .good, at: now)
        review.record(Attempt(date: now, correct: true, grade: .good, seconds: 2, given: "1"))
        progress.questions["old-question"] = review
        let report = ProgressReport(progress: progress, library: LessonLibrary(lessons: [], issues: []), now: now)
        let text = ProgressCommand.text(report, profile: "ada", file: URL(fileURLWithPath: "/data/p.json"), now: now,
                                        calendar: calendar, otherProfiles: ["bob"])
        #expect(text == """
        Progress of profile 'ada', kept in /data/p.json

           Lesson                        Pages   Finished     Quiz right      Due
           old-lesson (not loaded)       2       -            1 of 1 (100%)   0

        Questions: 0 due now; next tomorrow (1).
        Answered: 1 of 1 right on the first try (100%).
        Other profiles: bob (see them with --profile NAME).

        """)
    }

    @Test func resetAsksFirstAndOnlyYesErases() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = ["XDG_DATA_HOME": folder.url.path]
        let file = try ProgressProfile.file(profile: nil, environment: environment)
        try ProgressStore(file: file).save(Self.sampleProgress(now: Date()))

        // No answer (standard input closed): nothing is erased, and the exit status says so.
        let silent = try GradschoolBinary.run(["progress", "--reset"], in: folder.url, environment: environment)
        #expect(silent.status == 1)
        #expect(silent.output.contains("This cannot be undone. [y/N]"))
        #expect(silent.output.contains("add --yes to erase without asking"))
        #expect(FileManager.default.fileExists(atPath: file.path))

        let no = try Self.run(["progress", "--reset"], input: "n\n", in: folder.url, environment: environment)
        #expect(no.status == 1)
        #expect(no.output.contains("Nothing was erased."))
        #expect(FileManager.default.fileExists(atPath: file.path))

        let yes = try Self.run(["progress", "--reset"], input: "yes\n", in: folder.url, environment: environment)
        #expect(yes.status == 0)
        #expect(yes.output.contains("Erased \(file.path)."))
        #expect(!FileManager.default.fileExists(atPath: file.path))

        try ProgressStore(file: file).save(LearnerProgress())
        let forced = try GradschoolBinary.run(["progress", "--reset", "--yes"], in: folder.url, environment: environment)
        #expect(forced.status == 0)
        #expect(!FileManager.default.fileExists(atPath: file.path))

        let alone = try GradschoolBinary.run(["progress", "--yes"], in: folder.url, environment: environment)
        #expect(alone.status == 64)
        #expect(alone.error.contains("--yes only goes with --reset"))
    }

    @Test func profilesKeepSeparateFilesAndBadNamesAreRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = ["XDG_DATA_HOME": folder.url.path]
        let ada = try ProgressProfile.file(profile: "ada", environment: environment)
        try ProgressStore(file: ada).save(Self.sampleProgress(now: Date()))

        let asAda = try GradschoolBinary.run(["progress", "--profile", "ada", "--lessons", Self.lessons], in: folder.url, environment: environment)
        #expect(asAda.output.hasPrefix("Progress of profile 'ada', kept in \(folder.url.path)/gradschool/profiles/ada/progress.json"))
        #expect(asAda.output.contains("1 of 2 (50%)"))
        #expect(asAda.output.contains("Run 'gradschool quiz --profile ada' to answer them."))

        let fromEnvironment = try GradschoolBinary.run(["progress", "--lessons", Self.lessons], in: folder.url,
                                                       environment: environment.merging(["GRADSCHOOL_PROFILE": "ada"]) { $1 })
        #expect(fromEnvironment.output.hasPrefix("Progress of profile 'ada'"))

        let defaultLearner = try GradschoolBinary.run(["progress", "--lessons", Self.lessons], in: folder.url, environment: environment)
        #expect(defaultLearner.output.contains("Questions: 0 due now."))
        #expect(defaultLearner.output.contains("Other profiles: ada"))

        let bad = try GradschoolBinary.run(["progress", "--profile", "../escape"], in: folder.url, environment: environment)
        #expect(bad.status == 64)
        #expect(bad.error.contains("the profile name '../escape' cannot be used"))
        let quiz = try GradschoolBinary.run(["quiz", "--profile", "a b"], in: folder.url, environment: environment)
        #expect(quiz.status == 64)
        #expect(quiz.error.contains("cannot be used"))
    }

    @Test func aCorruptProgressFileIsBackedUpAndReported() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = ["XDG_DATA_HOME": folder.url.path]
        let file = try ProgressProfile.file(profile: nil, environment: environment)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{\"version\": 2, \"lessons\": {\"perceptron\"".utf8).write(to: file)

        let result = try GradschoolBinary.run(["progress", "--lessons", Self.lessons], in: folder.url, environment: environment)
        #expect(result.status == 0)
        #expect(result.error.contains("could not be used"))
        let names = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
        let backup = try #require(names.first { $0.hasPrefix("progress.json.unreadable-") })
        #expect(result.error.contains(backup))
        #expect(try String(contentsOf: file.deletingLastPathComponent().appendingPathComponent(backup), encoding: .utf8)
                == "{\"version\": 2, \"lessons\": {\"perceptron\"")
    }

    @Test func quizOptionsAreChecked() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = ["XDG_DATA_HOME": folder.url.path]
        let unknown = try GradschoolBinary.run(["quiz", "--lessons", Self.lessons, "--lesson", "telepathy"], in: folder.url, environment: environment)
        #expect(unknown.status == 64)
        #expect(unknown.error.contains("no lesson has the id 'telepathy'"))
        #expect(unknown.error.contains("perceptron"))
        for count in ["0", "-3", "1001"] {
            let result = try GradschoolBinary.run(["quiz", "--count=\(count)"], in: folder.url, environment: environment)
            #expect(result.status == 64, "--count \(count)")
            #expect(result.error.contains("--count must be a whole number from 1 to 1000"))
        }
        let options = try QuizCommand.parse(["--lesson", "perceptron", "--count", "3", "--all"]).options
        #expect(options == QuizOptions(lessonID: "perceptron", count: 3, ignoresSchedule: true))
    }

    /// Kills a process that saves progress in a tight loop at random moments: every time, the file on
    /// disk must be a whole progress file, the small one or the large one the loop alternates between.
    @Test func aKillAtAnyMomentLeavesTheOldOrTheNewFileNeverHalfOfOne() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = ["XDG_DATA_HOME": folder.url.path]
        let file = try ProgressProfile.file(profile: nil, environment: environment)
        let store = ProgressStore(file: file)
        var generator = SystemRandomNumberGenerator()
        var sizes: Set<Int> = []
        for round in 0..<30 {
            let process = Process()
            process.executableURL = GradschoolBinary.url
            process.arguments = ["progress", "--save-until-killed"]
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let before = Self.inode(of: file)
            try process.run()
            // Each save renames a new file into place, so a new inode means a save landed. The writer
            // saves the large file (3,000 pages), then the small one, and so on. A save's time depends on
            // its size and the build: under AddressSanitizer the large one takes 30 times longer than the
            // small one, so a kill at a fixed delay after a save nearly always finds the small file. The
            // delays are measured instead, and the kill falls inside the write of the large file in even
            // rounds, of the small file in odd rounds, at a random moment.
            let deadline = Date().addingTimeInterval(20)
            var last = before
            func nextSave() -> Date {
                while Self.inode(of: file) == last && Date() < deadline { usleep(200) }
                last = Self.inode(of: file)
                return Date()
            }
            let large = nextSave(), small = nextSave(), largeAgain = nextSave()
            let smallWrite = small.timeIntervalSince(large), largeWrite = largeAgain.timeIntervalSince(small)
            var window = smallWrite
            if round.isMultiple(of: 2) {
                _ = nextSave()
                window = largeWrite
            }
            usleep(UInt32(Double.random(in: 0...max(window, 0.001), using: &generator) * 1e6))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "round \(round): the writer ended before it was killed")

            let text = try String(contentsOf: file, encoding: .utf8)
            let loaded = store.load()
            #expect(loaded.notice == nil, "round \(round): a kill left a file that does not load: \(loaded.notice ?? "")\n\(text.prefix(200))")
            let pages = loaded.progress["crash-test"].pagesRead.count
            #expect(pages == 3 || pages == 3_000, "round \(round): \(pages) pages")
            sizes.insert(pages)
        }
        // Loading removed every temporary file the killed writers left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
        #expect(leftovers == ["progress.json"])
        #expect(sizes.count == 2, "the kills should have caught both file sizes at least once")
    }

    /// The file's inode number, nil when there is no file.
    static func inode(of file: URL) -> UInt64? {
        var status = stat()
        return stat(file.path, &status) == 0 ? UInt64(status.st_ino) : nil
    }
}
