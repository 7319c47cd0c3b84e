import Canvas
import Curriculum
import Testing
@testable import App

/// Code and formula blocks are drawn line for line; a line wider than the page goes on over a second row,
/// which reads worse than a line written to fit. The engine's own source, shown as it is, may wrap.
@Suite("Lesson code blocks fit an 80-column terminal")
struct LessonCodeWidthTests {
    @Test func everyCodeLineOfEveryShippedLessonFitsAt80Columns() {
        // The reader at 80 columns: 2 columns of margin each side, and code indented by 2.
        let layout = ReaderLayout.self
        let textWidth = min(80 - 4, layout.readingWidth)
        var tooWide: [String] = []
        #expect(!CoreLessons.library.lessons.isEmpty)
        for lesson in CoreLessons.library.lessons {
            for page in lesson.pages {
                for case .markdown(.code(let language, let text)) in page.blocks where language != "swift" {
                    for line in text.split(separator: "\n") where displayWidth(of: "  " + String(line)) > textWidth {
                        tooWide.append("\(lesson.file), page '\(page.title)': \(line)")
                    }
                }
            }
        }
        #expect(tooWide.isEmpty, "\(tooWide.joined(separator: "\n"))")
    }
}
