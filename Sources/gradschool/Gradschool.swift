import ArgumentParser

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
        subcommands: [BenchCommand.self, TrainCommand.self]
    )

    mutating func run() async throws {
        // Until the interactive tutor opens here, running without a subcommand explains the tools.
        print(Gradschool.helpMessage())
    }
}
