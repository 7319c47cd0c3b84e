import ArgumentParser
import Curriculum
import Foundation

/// `gradschool progress`: what the learner has read and answered, and the questions due; `--reset`
/// erases it after asking.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show the pages you have read, what you know, your chance of recalling it today, and the reviews due.",
        discussion: """
        Progress is kept in $XDG_DATA_HOME/gradschool/progress.sqlite (~/.local/share/gradschool/ when \
        XDG_DATA_HOME is unset); a progress.json of an earlier version is imported once and kept as a \
        backup. Several tutors and quizzes may run at once on one profile: everything each does is kept. \
        Several learners on one account each use a profile: --profile NAME (or GRADSCHOOL_PROFILE=NAME) \
        keeps progress in .../gradschool/profiles/NAME/, for the tutor, 'gradschool quiz' and this command.

        'Known' counts the questions whose latest answer was right (answering again after being shown the \
        answer never counts); 'Recall today' is the predicted chance of recalling them now.

        Examples:
          gradschool progress --export reviews.csv   every answer ever given, as CSV
          gradschool progress --retention 0.85       review less often, remembering a little less
          gradschool progress --new-per-day 10       bring in at most 10 new questions a day
          gradschool progress --reset                erase this learner's progress (asks first)
        """
    )

    @Flag(name: .long, help: "Erase this learner's progress (asks first).")
    var reset = false

    @Flag(name: .long, help: "With --reset: erase without asking.")
    var yes = false

    @Option(name: .long, help: ArgumentHelp("Write the review log (every answer, with its schedule before and after) to FILE as CSV.",
                                            valueName: "FILE"))
    var export: String?

    @Option(name: .long, help: ArgumentHelp("The chance of recall at which questions come back, 0.7 to 0.99 (default 0.9).", valueName: "R"))
    var retention: Double?

    @Option(name: .long, help: ArgumentHelp("The most new questions a day's quizzes bring in, 0 to 1000 (default \(ProgressSettings.defaultNewPerDay)).",
                                            valueName: "N"))
    var newPerDay: Int?

    /// Records N events (page reads and answers in turn; 0 for ever) tagged TAG; the tests use it to
    /// show that processes writing at once keep every event, and that a kill at any moment leaves a
    /// whole database.
    @Option(name: .long, help: .hidden)
    var writeEvents: Int?

    @Option(name: .long, help: .hidden)
    var tag = "writer"

    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var lessonOptions: LessonOptions

    func validate() throws {
        if yes && !reset { throw ValidationError("--yes only goes with --reset, e.g. 'gradschool progress --reset --yes'") }
        if let retention, !(retention.isFinite && ReviewScheduler.retentionRange.contains(retention)) {
            throw ValidationError("--retention must be from 0.7 to 0.99, e.g. --retention 0.9 (nine in ten questions remembered when asked)")
        }
        if let newPerDay, !ProgressLimits.newPerDay.contains(newPerDay) {
            throw ValidationError("--new-per-day must be a whole number from 0 to 1000, e.g. --new-per-day 20")
        }
        if let writeEvents, writeEvents < 0 { throw ValidationError("--write-events must be 0 or more") }
    }

    func run() throws {
        let json = try profileOptions.progressFile()
        let store = ProgressStore(file: ProgressStore.databaseFile(besideJSON: json), legacyFile: json)
        for notice in store.notices { FileHandle.standardError.write(Data((notice + "\n").utf8)) }
        if let writeEvents { return try Self.write(events: writeEvents, tag: tag, store) }
        if reset { return try resetProgress(store) }
        if let export { return try exportLog(store, to: export) }
        if retention != nil || newPerDay != nil { return try changeSettings(store) }

        let progress: LearnerProgress
        do {
            progress = try store.load()
        } catch {
            throw ValidationError(error.description)
        }
        var library = LessonLibrary(lessons: [], issues: [])
        var lessonsNote: String?
        do {
            library = LessonLibrary.load(paths: [try lessonOptions.directory()])
        } catch {
            lessonsNote = "The lessons could not be found, so lessons are shown by id: \(error)"
        }
        let report = ProgressReport(progress: progress, library: library, now: Date())
        print(Self.text(report, settings: progress.settings, profile: profileOptions.name, file: store.file, now: Date(), calendar: .current,
                        otherProfiles: ProgressProfile.existing(environment: ProcessInfo.processInfo.environment)
                            .filter { $0 != profileOptions.name }), terminator: "")
        if let lessonsNote { print("\n" + lessonsNote) }
    }

    /// Asks before erasing, unless `--yes`; any answer but y or yes keeps the progress.
    private func resetProgress(_ store: ProgressStore) throws {
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
        print("Erased the progress in \(store.file.path).")
    }

    /// Writes the review log as CSV; refuses to replace anything but a regular file.
    private func exportLog(_ store: ProgressStore, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            guard !isDirectory.boolValue, attributes?[.type] as? FileAttributeType == .typeRegular else {
                throw ValidationError("--export \(path): it is not a regular file, so it is left alone; name a new or regular file, e.g. --export reviews.csv")
            }
        }
        let entries: [ReviewLogEntry]
        do {
            entries = try store.reviewLog()
        } catch {
            throw ValidationError(error.description)
        }
        do {
            try Data(ReviewLogEntry.csv(entries).utf8).write(to: url)
        } catch {
            throw ValidationError("--export \(path): it cannot be written (\(error.localizedDescription)); check the folder exists and is writable")
        }
        print("Wrote \(entries.count) answer\(entries.count == 1 ? "" : "s") to \(path).")
    }

    private func changeSettings(_ store: ProgressStore) throws {
        do {
            var settings = try store.load().settings
            if let retention { settings.desiredRetention = retention }
            if let newPerDay { settings.newPerDay = newPerDay }
            try store.record(.setting(settings))
            print("Desired retention \(settings.desiredRetention), at most \(settings.newPerDay) new questions a day.")
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Records `count` events (or for ever when 0), a page read and an answer in turn, each its own
    /// transaction: page `i` of lesson `load-TAG`, and question `load-TAG-i`.
    private static func write(events count: Int, tag: String, _ store: ProgressStore) throws {
        let lessonID = "load-\(tag)"
        var index = 0
        while count == 0 || index < count {
            let event: ProgressEvent
            let date = Date()
            if index.isMultiple(of: 2) {
                event = .pageRead(lessonID: lessonID, page: (index / 2) % (ProgressLimits.pages.upperBound + 1), pageCount: 0, at: date)
            } else {
                let correct = (index / 2).isMultiple(of: 2)
                event = .answered(AnswerRecord(questionID: "\(lessonID)-\(index / 2)", lessonID: lessonID, answeredAt: date, seconds: 2,
                                               correct: correct, given: "1", grade: correct ? .good : .again, kind: .choice,
                                               counts: true, source: .quiz))
            }
            do {
                try store.record(event)
            } catch {
                throw ValidationError(error.description)
            }
            index += 1
        }
    }

    // MARK: The summary

    /// The summary printed by `gradschool progress`.
    static func text(_ report: ProgressReport, settings: ProgressSettings, profile: String?, file: URL, now: Date, calendar: Calendar,
                     otherProfiles: [String]) -> String {
        var out = "Progress of \(profile.map { "profile '\($0)'" } ?? "the default learner"), kept in \(file.path)\n\n"
        let numberWidth = 3, titleWidth = 30
        let header = pad("", numberWidth) + pad("Lesson", titleWidth) + pad("Pages", 8) + pad("Finished", 13) + pad("Known", 8)
            + pad("Recall today", 14) + "Due"
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
            let known = line.questionCount == 0 ? "-" : "\(line.known)/\(line.questionCount)"
            let recall = line.recall.map { "\(Int(($0 * 100).rounded()))%" } ?? "-"
            out += label + pad(truncated(title, titleWidth - 2), titleWidth) + pad(pages, 8) + pad(finished, 13) + pad(known, 8)
                + pad(recall, 14) + "\(line.due)\n"
        }
        if report.lessons.isEmpty { out += "   (no lessons found and no progress yet)\n" }
        out += "\n"

        var due = "Questions: \(report.dueNow) due now"
        if report.newInOpenedLessons > 0 { due += ", \(report.newInOpenedLessons) new in lessons you have opened" }
        due += "; \(report.dueThisWeek) more due this week"
        if !report.upcoming.isEmpty {
            let next = report.upcoming.prefix(3).map { "\(DueDateText.describe($0.day, from: now, calendar: calendar)) (\($0.count))" }
            due += "; next " + next.joined(separator: ", ")
        }
        out += due + ".\n"
        let (known, questions) = report.totalKnown
        if questions > 0 { out += "Known: \(known) of \(questions) questions (latest answer right).\n" }
        out += "Reviews aim at a \(Int((settings.desiredRetention * 100).rounded()))% chance of recall; at most \(settings.newPerDay) new questions a day.\n"
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
