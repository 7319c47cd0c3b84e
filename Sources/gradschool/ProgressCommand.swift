import ArgumentParser
import Curriculum
import Foundation

/// `gradschool progress`: what the learner has read and answered, and the questions due; `--reset`
/// erases it after asking.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show the pages you have read, lessons finished, quiz accuracy and questions due.",
        discussion: """
        Progress is kept in $XDG_DATA_HOME/gradschool/progress.json (~/.local/share/gradschool/ when \
        XDG_DATA_HOME is unset). Several learners on one account each use a profile: --profile NAME (or \
        GRADSCHOOL_PROFILE=NAME) keeps progress in .../gradschool/profiles/NAME/progress.json, for the \
        tutor, 'gradschool quiz' and this command alike.

        --reset erases the progress file after asking; --yes skips the question (for scripts).
        """
    )

    @Flag(name: .long, help: "Erase this learner's progress (asks first).")
    var reset = false

    @Flag(name: .long, help: "With --reset: erase without asking.")
    var yes = false

    /// Saves the progress again and again until the process is killed; the tests use it to show that a
    /// kill at any moment leaves a whole progress file.
    @Flag(name: .long, help: .hidden)
    var saveUntilKilled = false

    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var lessonOptions: LessonOptions

    func validate() throws {
        if yes && !reset { throw ValidationError("--yes only goes with --reset, e.g. 'gradschool progress --reset --yes'") }
    }

    func run() throws {
        let store = ProgressStore(file: try profileOptions.progressFile())
        if saveUntilKilled { try Self.saveUntilKilled(store) }
        if reset { return try resetProgress(store) }

        let loaded = store.load()
        if let notice = loaded.notice { FileHandle.standardError.write(Data((notice + "\n").utf8)) }
        var library = LessonLibrary(lessons: [], issues: [])
        var lessonsNote: String?
        do {
            library = LessonLibrary.load(paths: [try lessonOptions.directory()])
        } catch {
            lessonsNote = "The lessons could not be found, so lessons are shown by id: \(error)"
        }
        let report = ProgressReport(progress: loaded.progress, library: library, now: Date())
        print(Self.text(report, profile: profileOptions.name, file: store.file, now: Date(), calendar: .current,
                        otherProfiles: ProgressProfile.existing(environment: ProcessInfo.processInfo.environment)
                            .filter { $0 != profileOptions.name }), terminator: "")
        if let lessonsNote { print("\n" + lessonsNote) }
    }

    /// Asks before erasing, unless `--yes`; any answer but y or yes keeps the progress.
    private func resetProgress(_ store: ProgressStore) throws {
        guard FileManager.default.fileExists(atPath: store.file.path) else {
            print("Nothing to erase: there is no progress at \(store.file.path).")
            return
        }
        if !yes {
            print("Erase all progress of \(profileOptions.description) in \(store.file.path)? This cannot be undone. [y/N] ", terminator: "")
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
            guard answer == "y" || answer == "yes" else {
                print(answer == nil ? "\nNo answer (add --yes to erase without asking); nothing was erased." : "Nothing was erased.")
                throw ExitCode(1)
            }
        }
        do {
            try store.erase()
        } catch {
            throw ValidationError(error.description)
        }
        print("Erased \(store.file.path).")
    }

    /// Saves progress of a changing size in a loop, never returning.
    private static func saveUntilKilled(_ store: ProgressStore) throws -> Never {
        var progress = store.load().progress
        var round = 0
        while true {
            round += 1
            // Alternate between a small and a large file so a torn write would show.
            let pages = round.isMultiple(of: 2) ? 3 : 3_000
            progress["crash-test"] = LessonProgress(pagesRead: Set(0..<pages), lastPage: round)
            do {
                try store.save(progress)
            } catch {
                throw ValidationError(error.description)
            }
        }
    }

    // MARK: The summary

    /// The summary printed by `gradschool progress`.
    static func text(_ report: ProgressReport, profile: String?, file: URL, now: Date, calendar: Calendar, otherProfiles: [String]) -> String {
        var out = "Progress of \(profile.map { "profile '\($0)'" } ?? "the default learner"), kept in \(file.path)\n\n"
        let numberWidth = 3, titleWidth = 30
        let header = pad("", numberWidth) + pad("Lesson", titleWidth) + pad("Pages", 8) + pad("Finished", 13) + pad("Quiz right", 16) + "Due"
        out += header + "\n"
        let dateFormatter = DateFormatter()
        dateFormatter.locale = Locale(identifier: "en_GB")
        dateFormatter.calendar = calendar
        dateFormatter.timeZone = calendar.timeZone
        dateFormatter.dateFormat = "d MMM yyyy"
        var number = 0
        for line in report.lessons {
            let label: String
            if line.isLoaded {
                number += 1
                label = String(number).leftPadded(to: numberWidth - 1) + " "
            } else {
                label = String(repeating: " ", count: numberWidth)
            }
            let title = line.isLoaded ? line.title : "\(line.id) (not loaded)"
            let pages = line.isLoaded ? "\(line.pagesRead)/\(line.pageCount)" : "\(line.pagesRead)"
            let finished = line.finishedAt.map { dateFormatter.string(from: $0) } ?? "-"
            let accuracy = line.accuracy.map { "\(line.rightAnswers) of \(line.answers) (\(Int(($0 * 100).rounded()))%)" }
                ?? (line.questionCount == 0 ? "no questions" : "-")
            out += label + pad(truncated(title, titleWidth - 2), titleWidth) + pad(pages, 8) + pad(finished, 13) + pad(accuracy, 16)
                + "\(line.due)\n"
        }
        if report.lessons.isEmpty { out += "   (no lessons found and no progress yet)\n" }
        out += "\n"

        var due = "Questions: \(report.dueNow) due now"
        if report.newInOpenedLessons > 0 { due += ", \(report.newInOpenedLessons) new in lessons you have opened" }
        if !report.upcoming.isEmpty {
            let next = report.upcoming.prefix(3).map { "\(DueDateText.describe($0.day, from: now, calendar: calendar)) (\($0.count))" }
            due += "; next " + next.joined(separator: ", ")
        }
        out += due + ".\n"
        let (answers, right) = report.totalAnswers
        if answers > 0 {
            out += "Answered: \(right) of \(answers) right on the first try (\(Int((Double(right) * 100 / Double(answers)).rounded()))%).\n"
        }
        if report.dueNow + report.newInOpenedLessons > 0 {
            out += "Run 'gradschool quiz\(profile.map { " --profile \($0)" } ?? "")' to answer them.\n"
        }
        if !otherProfiles.isEmpty {
            out += "Other profiles: \(otherProfiles.joined(separator: ", ")) (see them with --profile NAME).\n"
        }
        return out
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - text.count))
    }

    private static func truncated(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 3)) + "..."
    }
}

/// The `--profile NAME` option: whose progress to use when several learners share one account.
struct ProfileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Whose progress to use, for several learners on one account (default: $GRADSCHOOL_PROFILE, else the default learner).",
        valueName: "NAME"))
    var profile: String?

    /// The profile chosen by the option or the environment; nil for the default learner.
    var name: String? { ProgressProfile.name(explicit: profile, environment: ProcessInfo.processInfo.environment) }

    /// `profile 'ada'` or `the default learner`, for messages.
    var description: String { name.map { "profile '\($0)'" } ?? "the default learner" }

    /// The progress file of the chosen profile.
    func progressFile() throws -> URL {
        do {
            return try ProgressProfile.file(profile: name, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

extension String {
    /// The string with spaces in front to make it `width` characters wide.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
