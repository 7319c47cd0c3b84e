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

    /// A learner who finished the perceptron lesson and answered two of its questions: one right today,
    /// one wrong three days ago.
    static func sampleEvents(now: Date) -> [ProgressEvent] {
        (0..<8).map { ProgressEvent.pageRead(lessonID: "perceptron", page: $0, pageCount: 8, at: now.addingTimeInterval(-86_400)) } + [
            .answered(AnswerRecord(questionID: "perceptron-which-tables", lessonID: "perceptron", answeredAt: now.addingTimeInterval(-3 * 86_400),
                                   seconds: 9, correct: false, given: "1", grade: .again, kind: .choice, counts: true, source: .quiz)),
            .answered(AnswerRecord(questionID: "perceptron-update", lessonID: "perceptron", answeredAt: now, seconds: 5, correct: true,
                                   given: "2", grade: .good, kind: .choice, counts: true, source: .quiz)),
        ]
    }

    /// The store of the default learner (or `profile`) under `environment`, with `events` recorded.
    static func store(profile: String? = nil, environment: [String: String], events: [ProgressEvent]) throws -> ProgressStore {
        let json = try ProgressProfile.file(profile: profile, environment: environment)
        let store = ProgressStore(file: ProgressStore.databaseFile(besideJSON: json), legacyFile: json)
        for event in events { try store.record(event) }
        return store
    }

    @Test func progressPrintsLessonsPagesWhatIsKnownRecallAndWhatIsDue() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = ["XDG_DATA_HOME": folder.url.path]
        let store = try Self.store(environment: environment, events: Self.sampleEvents(now: Date()))

        let result = try GradschoolBinary.run(["progress", "--lessons", Self.lessons], in: folder.url, environment: environment)
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "Progress of the default learner, kept in \(store.file.path)")
        let perceptron = try #require(lines.first { $0.contains("The perceptron") })
        #expect(perceptron.contains("8/8"))
        let questions = try #require(LessonLibrary.load(paths: [Self.lessons]).lesson(id: "perceptron")).quizzes.count
        #expect(perceptron.contains("1/\(questions)"), "one question known: \(perceptron)")
        #expect(perceptron.hasSuffix("1"), "one question (the wrong one, three days ago) is due: \(perceptron)")
        #expect(lines.contains { $0.contains("The forward pass") && $0.contains("0/") })
        #expect(result.output.contains("Questions: 1 due now"))
        #expect(result.output.contains("1 more due this week"))
        #expect(result.output.contains("Run 'gradschool quiz' to answer them."))
    }

    @Test func theSummaryTextReadsWellForLessonsThatAreGone() throws {
        let now = Date(timeIntervalSince1970: 1_710_061_200)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var progress = LearnerProgress()
        progress["old-lesson"].pagesRead = [0, 1]
        progress.apply(.answered(AnswerRecord(questionID: "old-question", lessonID: "old-lesson", answeredAt: now, seconds: 2, correct: true,
                                              given: "1", grade: .good, kind: .choice, counts: true, source: .quiz)), calendar: calendar)
        let report = ProgressReport(progress: progress, library: LessonLibrary(lessons: [], issues: []), now: now, calendar: calendar)
        let text = ProgressCommand.text(report, settings: progress.settings, profile: "ada", file: URL(fileURLWithPath: "/data/p.sqlite"),
                                        now: now, calendar: calendar, otherProfiles: ["bob"])
        // A first right answer gives S = w₂ = 2.3065 days, so I = round(2.3065) = 2 days at 90 %; answered
        // just now, the chance of recall is 100 %.
        #expect(text == """
        Progress of profile 'ada', kept in /data/p.sqlite

           Lesson                        Pages   Finished     Known   Recall today  Due
           old-lesson (not loaded)       2       -            1/1     100%          0

        Questions: 0 due now; 1 more due this week; next in 2 days (1).
        Known: 1 of 1 questions (latest answer right).
        Reviews aim at a 90% chance of recall; at most 20 new questions a day.
        Other profiles: bob (see them with --profile NAME).

        """)
    }

    @Test func theReviewLogIsExportedAsCSV() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = ["XDG_DATA_HOME": folder.url.path]
        let now = Date(timeIntervalSince1970: 1_710_061_200)
        _ = try Self.store(environment: environment, events: Self.sampleEvents(now: now))
        let csv = folder.url.appendingPathComponent("reviews.csv")
        let result = try GradschoolBinary.run(["progress", "--export", csv.path], in: folder.url, environment: environment)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("Wrote 2 answers to \(csv.path)."))
        let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == "number,answered_at,question,lesson,source,kind,seconds,correct,given,grade,counted,"
                + "difficulty_before,stability_before,due_before,difficulty_after,stability_after,due_after")
        // The wrong first answer: D₀(again) = 6.4133, S₀ = 0.212, due the next day.
        #expect(lines[1] == "1,2024-03-07T09:00:00Z,perceptron-which-tables,perceptron,quiz,choice,9.0,0,1,1,1,,,,6.4133,0.2120,"
                + ISO8601DateFormatter().string(from: Calendar.current.date(byAdding: .day, value: 1,
                                                                            to: Calendar.current.startOfDay(for: now.addingTimeInterval(-3 * 86_400)))!))
        #expect(lines[2].hasPrefix("2,2024-03-10T09:00:00Z,perceptron-update,perceptron,quiz,choice,5.0,1,2,3,1,,,,2.1181,2.3065,"))

        let refused = try GradschoolBinary.run(["progress", "--export", folder.url.path], in: folder.url, environment: environment)
        #expect(refused.status == 64)
        #expect(refused.error.contains("it is not a regular file, so it is left alone"))
    }

    @Test func checkNamesEveryQuizBlockMistakeWithItsFileAndLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let lesson = folder.url.appendingPathComponent("01-bad.md")
        try Data("""
        ---
        id: bad
        title: Bad
        summary: s
        order: 1
        ---
        ## Page

        ```quiz
        id: bad-q
        question: Q?
        choices:
          - a
          - b
        answer: c
        feedback:
          z: no such choice
        explanation: E.
        ```

        ```quiz
        id: bad-template
        template: sigmoid-value
        range: [2, 1]
        ```

        """.utf8).write(to: lesson)
        let result = try GradschoolBinary.run(["check", folder.url.path], in: folder.url, environment: [:])
        #expect(result.status == 65)
        #expect(result.output.contains("\(lesson.path):15: quiz 'answer' 'c' is not one of the choices"), "\(result.output)")
        #expect(result.output.contains("\(lesson.path):17: quiz 'feedback' for 'z', which is not one of the choices"), "\(result.output)")
        #expect(result.output.contains("\(lesson.path):24: template 'range' must be two numbers"), "\(result.output)")
    }

    @Test func settingsAreCheckedAndKept() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = ["XDG_DATA_HOME": folder.url.path]
        let set = try GradschoolBinary.run(["progress", "--retention", "0.85", "--new-per-day", "5"], in: folder.url, environment: environment)
        #expect(set.status == 0, "\(set.error)")
        #expect(try Self.store(environment: environment, events: []).load().settings == ProgressSettings(desiredRetention: 0.85, newPerDay: 5))
        let shown = try GradschoolBinary.run(["progress", "--lessons", Self.lessons], in: folder.url, environment: environment)
        #expect(shown.output.contains("Reviews aim at a 85% chance of recall; at most 5 new questions a day."))
        for bad in [["--retention", "1.5"], ["--retention", "nan"], ["--new-per-day", "-1"], ["--new-per-day", "100000"]] {
            let result = try GradschoolBinary.run(["progress"] + bad, in: folder.url, environment: environment)
            #expect(result.status == 64, "\(bad)")
        }
    }

    @Test func resetAsksFirstAndOnlyYesErases() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = ["XDG_DATA_HOME": folder.url.path]
        let file = try Self.store(environment: environment, events: Self.sampleEvents(now: Date())).file
        func answers() throws -> Int { try Self.store(environment: environment, events: []).reviewLog().count }

        // No answer (standard input closed): nothing is erased, and the exit status says so.
        let silent = try GradschoolBinary.run(["progress", "--reset"], in: folder.url, environment: environment)
        #expect(silent.status == 1)
        #expect(silent.output.contains("This cannot be undone. [y/N]"))
        #expect(silent.output.contains("add --yes to erase without asking"))
        #expect(try answers() == 2)

        let no = try Self.run(["progress", "--reset"], input: "n\n", in: folder.url, environment: environment)
        #expect(no.status == 1)
        #expect(no.output.contains("Nothing was erased."))
        #expect(try answers() == 2)

        let yes = try Self.run(["progress", "--reset"], input: "yes\n", in: folder.url, environment: environment)
        #expect(yes.status == 0)
        #expect(yes.output.contains("Erased the progress in \(file.path)."))
        #expect(try answers() == 0)

        _ = try Self.store(environment: environment, events: Self.sampleEvents(now: Date()))
        let forced = try GradschoolBinary.run(["progress", "--reset", "--yes"], in: folder.url, environment: environment)
        #expect(forced.status == 0)
        #expect(try answers() == 0)

        let alone = try GradschoolBinary.run(["progress", "--yes"], in: folder.url, environment: environment)
        #expect(alone.status == 64)
        #expect(alone.error.contains("--yes only goes with --reset"))
    }

    @Test func profilesKeepSeparateFilesAndBadNamesAreRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = ["XDG_DATA_HOME": folder.url.path]
        _ = try Self.store(profile: "ada", environment: environment, events: Self.sampleEvents(now: Date()))

        let asAda = try GradschoolBinary.run(["progress", "--profile", "ada", "--lessons", Self.lessons], in: folder.url, environment: environment)
        #expect(asAda.output.hasPrefix("Progress of profile 'ada', kept in \(folder.url.path)/gradschool/profiles/ada/progress.sqlite"))
        #expect(asAda.output.contains("Known: 1 of"))
        #expect(asAda.output.contains("Run 'gradschool quiz --profile ada' to answer them."))

        let fromEnvironment = try GradschoolBinary.run(["progress", "--lessons", Self.lessons], in: folder.url,
                                                       environment: environment.merging(["GRADSCHOOL_PROFILE": "ada"]) { $1 })
        #expect(fromEnvironment.output.hasPrefix("Progress of profile 'ada'"))

        let defaultLearner = try GradschoolBinary.run(["progress", "--lessons", Self.lessons], in: folder.url, environment: environment)
        #expect(defaultLearner.output.contains("Questions: 0 due now; 0 more due this week."))
        #expect(defaultLearner.output.contains("Other profiles: ada"))

        let bad = try GradschoolBinary.run(["progress", "--profile", "../escape"], in: folder.url, environment: environment)
        #expect(bad.status == 64)
        #expect(bad.error.contains("the profile name '../escape' cannot be used"))
        let quiz = try GradschoolBinary.run(["quiz", "--profile", "a b"], in: folder.url, environment: environment)
        #expect(quiz.status == 64)
        #expect(quiz.error.contains("cannot be used"))
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
}
