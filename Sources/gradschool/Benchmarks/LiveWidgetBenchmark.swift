import App
import Canvas
import Curriculum
import Foundation

/// Measures the frame rate of a lesson widget that trains while it draws: a page at 120×40 (the attention
/// lesson's transformer learning to reverse or writing names, the recurrent lesson's LSTM reading names),
/// its widget focused and training. Each frame is what the terminal loop
/// does on a tick: `update(.tick)` (one training step) plus `view()`. Target: at least 30 frames a second.
enum LiveWidgetBenchmark {
    enum Failure: Error, CustomStringConvertible {
        case lessonMissing(String, lesson: String, page: String)

        var description: String {
            switch self {
            case .lessonMissing(let directory, let lesson, let page):
                "the lesson \"\(lesson)\" with a page \"\(page)\" is not in \(directory) (or has problems): run `gradschool check lessons` there"
            }
        }
    }

    struct Result {
        var meanMilliseconds: Double
        var slowestMilliseconds: Double
        var framesPerSecond: Double { 1000 / meanMilliseconds }
    }

    /// A page measured: its lesson, its title, and the name the report gives it.
    struct Page {
        var lesson: String
        var title: String
        var name: String
    }

    /// The pages measured: the transformer learning to reverse, the one writing names, and the LSTM reading names.
    static let pages = [Page(lesson: "attention", title: "A transformer learning to reverse", name: "transformer reverse"),
                        Page(lesson: "attention", title: "Writing names", name: "transformer names  "),
                        Page(lesson: "rnn", title: "A model reading names", name: "LSTM names         ")]

    /// Frames for about `seconds` after the widget on `page` has started training.
    static func run(lessons directory: String, page measured: Page, seconds: Double) throws -> Result {
        let library = LessonLibrary.load(paths: [directory])
        guard let lesson = library.lesson(id: measured.lesson),
              let page = lesson.pages.firstIndex(where: { $0.title == measured.title }) else {
            throw Failure.lessonMissing(directory, lesson: measured.lesson, page: measured.title)
        }
        var tutor = Tutor(library: library, width: 120, height: 40, colors: .palette256, glyphs: .unicode)
        _ = tutor.openLesson(id: measured.lesson)
        for _ in 0..<page { _ = tutor.update(.key(.right)) }
        _ = tutor.update(.key(.tab))
        _ = tutor.update(.key(.character(" ")))
        let clock = ContinuousClock()
        var total = Duration.zero, slowest = Duration.zero, frames = 0, checksum = 0
        let start = clock.now
        while clock.now - start < .milliseconds(Int(seconds * 1000)) {
            let begin = clock.now
            _ = tutor.update(.tick)
            checksum &+= tutor.view().cells.count
            let spent = clock.now - begin
            total += spent
            slowest = max(slowest, spent)
            frames += 1
        }
        precondition(checksum > 0, "frames drew no cells")
        func milliseconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) * 1e-15
        }
        return Result(meanMilliseconds: milliseconds(total) / Double(max(frames, 1)), slowestMilliseconds: milliseconds(slowest))
    }
}
