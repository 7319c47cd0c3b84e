import ArgumentParser
import Curriculum

/// `gradschool lesson ID`: opens the tutor straight at a lesson.
struct LessonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Open a lesson directly, e.g. 'gradschool lesson perceptron'."
    )

    @Argument(help: "The lesson's id, as shown by 'gradschool check' or in its front matter.")
    var id: String

    @OptionGroup var lessonOptions: LessonOptions

    func run() async throws {
        let directory = try lessonOptions.directory()
        let library = LessonLibrary.load(paths: [directory])
        guard library.lesson(id: id) != nil else {
            let known = library.lessons.map(\.id).joined(separator: ", ")
            throw ValidationError("no lesson has the id '\(id)'. Lessons in \(directory): \(known.isEmpty ? "none" : known)")
        }
        try await TutorLauncher(library: library).run(openingLesson: id)
    }
}
