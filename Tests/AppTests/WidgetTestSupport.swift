import Canvas
import Curriculum
@testable import App

/// Builds widgets from the settings a lesson would give them, and reads what they draw.
enum WidgetTesting {
    /// The widget a lesson block `name` with `settings` would place.
    static func host(_ name: String, _ settings: [String: WidgetSettingValue] = [:], runName: String = "test:1") -> WidgetHost {
        WidgetFactory.make(WidgetBlock(name: name, settings: settings, line: 1), runName: runName)
    }

    /// The widget state of type `T` inside `host`.
    static func state<T: InteractiveWidget>(_ host: WidgetHost, as type: T.Type) -> T? {
        host.widget as? T
    }

    /// A lesson with one page holding `body`, e.g. a widget block, and the tutor showing it.
    static func tutor(page body: String, width: Int = 80, height: Int = 24, glyphs: GlyphSet = .unicode,
                      colors: ColorMode = .palette256) -> Tutor {
        let text = "---\nid: scratch\ntitle: Scratch\nsummary: s\norder: 1\n---\n## The page\n\n" + body + "\n"
        let library = LessonLibrary.build(sources: [("scratch.md", text)])
        precondition(library.issues.isEmpty, "\(library.issues)")
        var tutor = Tutor(library: library, width: width, height: height, colors: colors, glyphs: glyphs)
        tutor.openLesson(id: "scratch")
        return tutor
    }
}

extension WidgetHost {
    /// The widget drawn at `width` × its own height, as plain text rows.
    func text(width: Int = 76, available: Int = 20, glyphs: GlyphSet = .unicode, colors: ColorMode = .palette256,
              focused: Bool = true) -> [String] {
        render(width: width, height: height(width: width, available: available), glyphs: glyphs, colors: colors, isFocused: focused).lines
    }

    /// Presses keys one after another.
    mutating func press(_ keys: Key...) {
        for key in keys { _ = update(.key(key)) }
    }
}

extension Tutor {
    /// The reader's page elements, when a lesson is open.
    var pageElements: PageElements? {
        if case .reader(let reader) = screen { return reader.elements }
        return nil
    }

    /// The first widget on the page, as type `T`.
    func widget<T: InteractiveWidget>(_ type: T.Type) -> T? {
        for item in pageElements?.items ?? [] {
            if case .widget(let host) = item, let widget = host.widget as? T { return widget }
        }
        return nil
    }
}
