import Canvas
import Testing
@testable import App

/// With `LANG=C` the lesson text is spelt in ASCII, not shown as question marks.
@Suite("Lesson text without Unicode")
struct LessonTextASCIITests {
    @Test func mathsInAParagraphIsSpeltInASCII() {
        let tutor = WidgetTesting.tutor(page: "Here z = w₁x₁ + … + b, b = −1, σ(z) → ŷ and ∂L/∂w = 2⁻¹⁰.", glyphs: .ascii)
        #expect(tutor.screenText.contains("z = w1x1 + ... + b, b = -1, sigma(z) -> y_hat and dL/dw = 2^-10."))
    }

    @Test func everyCoreLessonPageReadsInASCIIWithoutQuestionMarks() {
        for lesson in CoreLessons.library.lessons {
            for page in lesson.pages {
                var tutor = CoreLessons.tutor(lesson: lesson.id, page: page.title, width: 120, height: 40, glyphs: .ascii)
                // Every screenful of the page, top to bottom.
                var seen = Set<String>()
                for _ in 0..<40 {
                    let text = tutor.screenText
                    if seen.contains(text) { break }
                    seen.insert(text)
                    let strangers = Set(text.unicodeScalars.filter { !$0.isASCII }.map(String.init))
                    #expect(strangers.isEmpty, "\(lesson.id) '\(page.title)' shows \(strangers.sorted()) where ASCII is needed")
                    _ = tutor.update(.key(.pageDown))
                }
            }
        }
    }
}
