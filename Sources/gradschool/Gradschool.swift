import ArgumentParser
import Curriculum

/// The `gradschool` command: the tutor and its non-interactive tools.
@main
struct Gradschool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradschool",
        abstract: "An interactive deep-learning tutor for the terminal.",
        discussion: """
        Lessons walk through the perceptron, the forward pass, activation functions, \
        backpropagation and gradient descent while real networks train beside the text.
        """,
        subcommands: [LessonCommand.self, PlayCommand.self, QuizCommand.self, TrainCommand.self, SampleCommand.self, TuneCommand.self,
                      PredictCommand.self, ServeCommand.self, ProgressCommand.self, CheckCommand.self, BenchCommand.self]
    )

    /// Starts the command once the standard streams are sure to be what they seem (see `StandardStreams`).
    static func main() async {
        StandardStreams.holdClosedDescriptors()
        await main(nil)
    }

    @OptionGroup var lessonOptions: LessonOptions
    @OptionGroup var profileOptions: ProfileOptions

    mutating func run() async throws {
        let library = LessonLibrary.load(paths: [try lessonOptions.directory()])
        try await TutorLauncher(library: library, progressFile: try profileOptions.progressFile()).run()
    }
}
