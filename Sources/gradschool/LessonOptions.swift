import ArgumentParser
import Curriculum
import Foundation

/// The `--lessons DIR` option shared by the commands that read lessons.
struct LessonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The directory of lesson files (default: $GRADSCHOOL_LESSONS, next to the binary, or the source tree).",
        valueName: "DIR"))
    var lessons: String?

    /// The lesson directory to use, or a message saying where it looked.
    func directory() throws -> String {
        do {
            return try LessonDirectory.locate(
                explicit: lessons,
                environment: ProcessInfo.processInfo.environment,
                executable: Self.executablePath,
                sourceRoot: Self.sourceRoot
            )
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The running binary, resolved through symbolic links so an installed link finds its lessons.
    static var executablePath: String {
        let path = Bundle.main.executablePath ?? CommandLine.arguments.first ?? "gradschool"
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    /// The package root this binary was compiled from.
    static var sourceRoot: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
}
