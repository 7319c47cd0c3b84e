import ArgumentParser
import Curriculum

/// `gradschool check [PATH…]`: validates lesson files and reports every problem at once.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate lesson files: front matter, widgets, quizzes, ids and requirements.",
        discussion: """
        Reports every problem as file:line: message and exits with status 65 when there is any. \
        With no PATH, checks the lesson directory the tutor would read.
        """
    )

    @Argument(help: ArgumentHelp("Lesson files or directories of them.", valueName: "PATH"))
    var paths: [String] = []

    @OptionGroup var lessonOptions: LessonOptions

    func run() throws {
        let targets = paths.isEmpty ? [try lessonOptions.directory()] : paths
        let library = LessonLibrary.load(paths: targets)
        for issue in library.issues {
            print(issue.description)
        }
        let lessonCount = library.lessons.count + library.brokenFiles.count
        let noun = lessonCount == 1 ? "lesson" : "lessons"
        if library.issues.isEmpty {
            print("checked \(lessonCount) \(noun): no problems")
        } else {
            let problems = library.issues.count == 1 ? "1 problem" : "\(library.issues.count) problems"
            print("checked \(lessonCount) \(noun): \(problems)")
            // 65 is EX_DATAERR: the input data was incorrect.
            throw ExitCode(65)
        }
    }
}
