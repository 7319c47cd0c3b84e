import App
import Canvas
import Curriculum
import Foundation

/// Measures how long the tutor takes to answer a key and draw the next frame in the largest lesson it
/// accepts: a lesson file just under `LessonLibrary.maximumLessonBytes`, once as 400 pages and once with
/// all its text on one page, read at 120×40. Each key is `update` plus `view`, as the terminal loop does.
/// Target: every key within one frame at 60 frames a second (16.7 ms).
enum LessonKeyBenchmark {
    struct Result {
        var pages: Int
        var meanMilliseconds: Double
        var slowestMilliseconds: Double
    }

    static func run(pages: Int) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradschool-bench-\(ProcessInfo.processInfo.processIdentifier)-\(pages)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("01-huge.md")
        try lessonText(pages: pages, bytes: LessonLibrary.maximumLessonBytes - 4096).write(to: file, atomically: true, encoding: .utf8)
        let library = LessonLibrary.load(paths: [folder.path])
        var tutor = Tutor(library: library, width: 120, height: 40, colors: .palette256, glyphs: .unicode)
        _ = tutor.update(.key(.enter))
        let keys: [Key] = [.down, .down, .pageDown, .character("j"), .pageUp, .right, .down, .left, .end, .home]
        let clock = ContinuousClock()
        var total = Duration.zero, slowest = Duration.zero, count = 0, checksum = 0
        for round in 0..<30 {
            for key in keys {
                let start = clock.now
                _ = tutor.update(.key(key))
                checksum &+= tutor.view().cells.count
                let spent = clock.now - start
                if round > 0 {
                    total += spent
                    slowest = max(slowest, spent)
                    count += 1
                }
            }
        }
        precondition(checksum > 0, "frames drew no cells")
        func milliseconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) * 1e-15
        }
        return Result(pages: pages, meanMilliseconds: milliseconds(total) / Double(count), slowestMilliseconds: milliseconds(slowest))
    }

    /// A valid lesson of about `bytes` bytes: ordinary paragraphs, lists and formulas over `pages` pages.
    static func lessonText(pages: Int, bytes: Int) -> String {
        var text = "---\nid: huge\ntitle: A very long lesson\nsummary: As long as a lesson may be.\norder: 1\n---\n\n"
        let paragraph = """
            A neuron weighs its inputs, adds a bias and passes the sum through an activation: z = w·x + b, \
            then a = σ(z). Training moves every weight a little against its gradient, **again and again**, \
            until the loss stops falling. *This paragraph repeats* so the lesson is as long as a lesson may be.

            - one item with `code`
            - another item, with a [link](https://example.org)


            """
        let perPage = max(1, (bytes - text.utf8.count) / pages)
        for page in 1...pages {
            var body = "## Page \(page)\n\n"
            while body.utf8.count + paragraph.utf8.count < perPage { body += paragraph }
            text += body
        }
        return text
    }
}
