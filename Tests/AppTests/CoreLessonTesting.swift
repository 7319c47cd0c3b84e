import Canvas
import Curriculum
import Foundation
@testable import App

/// The lessons as shipped, opened in a tutor the way a learner finds them.
enum CoreLessons {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lessons").path

    static let library = LessonLibrary.load(paths: [directory])

    /// A tutor showing the page titled `title` of lesson `id`.
    static func tutor(lesson id: String, page title: String, width: Int = 80, height: Int = 24,
                      glyphs: GlyphSet = .unicode) -> Tutor {
        var tutor = Tutor(library: library, width: width, height: height, colors: .palette256, glyphs: glyphs)
        tutor.openLesson(id: id)
        guard case .reader(var reader) = tutor.screen,
              let index = reader.lesson.pages.firstIndex(where: { $0.title == title }) else {
            preconditionFailure("no page '\(title)' in lesson \(id)")
        }
        _ = reader.go(to: index)
        tutor.screen = .reader(reader)
        return tutor
    }

    /// The lesson id of each lesson file, in course order.
    static var ids: [String] { library.lessons.map(\.id) }
}
