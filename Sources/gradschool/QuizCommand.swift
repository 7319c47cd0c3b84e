import App
import ArgumentParser
import Curriculum

/// `gradschool quiz`: the tutor opened straight at quiz mode.
struct QuizCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Review questions from the lessons you have opened, each coming back when it is due.",
        discussion: """
        Asks the questions that are due and new ones from lessons you have opened, one lesson after \
        another in turn (at most 20 new questions a day; 'gradschool progress --new-per-day N' changes \
        it). Each answer is graded from whether it was right and how long it took, allowing more time \
        for a calculation than for a true-or-false, and the FSRS-6 scheduler brings it back when your \
        chance of recalling it has fallen to 90 % ('gradschool progress --retention R' changes it). \
        Wrong answers come back later in the same quiz. Every answer is saved at once, so quitting loses \
        nothing, and a quiz and a lesson may be open in two terminals at once.

        Examples:
          gradschool quiz                        the questions due now, at most 10
          gradschool quiz --lesson perceptron    only the perceptron lesson's questions
          gradschool quiz --all --count 20       20 questions, due or not
        """
    )

    /// The largest quiz a learner can ask for.
    static let maximumCount = 1_000

    @Option(name: .long, help: ArgumentHelp("Only this lesson's questions, even if you have not opened it.", valueName: "ID"))
    var lesson: String?

    @Option(name: .long, help: ArgumentHelp("Ask at most N questions (default \(QuizOptions.defaultCount); with --all, every one).", valueName: "N"))
    var count: Int?

    @Flag(name: .long, help: "Also ask questions that are not due yet.")
    var all = false

    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var lessonOptions: LessonOptions

    func validate() throws {
        if let count, !(1...Self.maximumCount).contains(count) {
            throw ValidationError("--count must be a whole number from 1 to \(Self.maximumCount), e.g. --count 10")
        }
    }

    /// The quiz's options as the screen takes them.
    var options: QuizOptions { QuizOptions(lessonID: lesson, count: count, ignoresSchedule: all) }

    func run() async throws {
        let directory = try lessonOptions.directory()
        let library = LessonLibrary.load(paths: [directory])
        if let lesson, library.lesson(id: lesson) == nil {
            let known = library.lessons.map(\.id).joined(separator: ", ")
            throw ValidationError("no lesson has the id '\(lesson)'. Lessons in \(directory): \(known.isEmpty ? "none" : known)")
        }
        let file = try profileOptions.progressFile()
        try await TutorLauncher(library: library, progressFile: file).run(openingQuiz: options)
    }
}
