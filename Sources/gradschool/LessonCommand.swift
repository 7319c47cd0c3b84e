import ArgumentParser
import Curriculum

/// `gradschool lesson ID`: opens the tutor straight at a lesson.
struct LessonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Open a lesson directly, e.g. 'gradschool lesson perceptron'."
    )

    @Argument(help: "The lesson's id (as 'gradschool check' shows it) or its number on home, e.g. 4.")
    var id: String

    @OptionGroup var lessonOptions: LessonOptions

    func run() async throws {
        let directory = try lessonOptions.directory()
        let library = LessonLibrary.load(paths: [directory])
        // A lesson by its id, or by its number as home shows it (`gradschool lesson 4`).
        let byNumber = Int(id).flatMap { library.lesson(numbered: $0) }
        guard let lesson = library.lesson(id: id) ?? byNumber else {
            let known = library.lessons.enumerated().map { "\(library.number(ofLessonAt: $0.offset)) \($0.element.id)" }.joined(separator: ", ")
            throw ValidationError("no lesson has the id or number '\(id)'. Lessons in \(directory): \(known.isEmpty ? "none" : known)")
        }
        try await TutorLauncher(library: library).run(openingLesson: lesson.id)
    }
}
