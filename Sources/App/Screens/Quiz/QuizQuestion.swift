import Canvas
import Curriculum

/// A question the quiz can ask: a quiz block of a lesson, and the page that teaches it.
public struct QuizQuestion: Equatable, Sendable {
    /// The block as written in the lesson; generated questions draw their numbers when asked.
    public var block: QuizBlock
    public var lessonID: String
    public var lessonTitle: String
    /// The page the block sits on (0-based), which is the page that teaches it.
    public var page: Int
    public var pageTitle: String

    /// The stable id the schedule is kept under.
    public var id: String { block.id }

    /// What the question is about, for the summary's weakest topics: `Lesson › Page`.
    public func topic(glyphs: GlyphSet) -> String {
        lessonTitle + (glyphs.isUnicode ? " › " : " > ") + pageTitle
    }

    /// Every question in `library`, in course order (lesson by lesson, page by page).
    public static func catalog(_ library: LessonLibrary) -> [QuizQuestion] {
        library.lessons.flatMap { lesson in
            lesson.pages.enumerated().flatMap { index, page in
                page.blocks.compactMap { block -> QuizQuestion? in
                    guard case .quiz(let quiz) = block else { return nil }
                    return QuizQuestion(block: quiz, lessonID: lesson.id, lessonTitle: lesson.title, page: index, pageTitle: page.title)
                }
            }
        }
    }
}

