/// One lesson: its front matter and its pages, read from one Markdown file.
public struct Lesson: Identifiable, Equatable, Sendable {
    /// A stable name used by `requires`, progress and `gradschool lesson ID`, e.g. `perceptron`.
    public var id: String
    /// The title shown on home and above every page.
    public var title: String
    /// One sentence shown under the title on home.
    public var summary: String
    /// Where the lesson sits in the course; lower comes first.
    public var order: Int
    /// Ids of the lessons a learner should read first.
    public var requires: [String]
    /// The lesson's pages, split at second-level headings.
    public var pages: [LessonPage]
    /// The file the lesson was read from, as given to the parser.
    public var file: String
    /// Where each front-matter key sits in the file, for error messages about it.
    public var frontMatterLines: [String: Int]
    /// The line of each `requires` entry, parallel to `requires`.
    public var requiresLines: [Int]

    public init(
        id: String, title: String, summary: String, order: Int, requires: [String] = [],
        pages: [LessonPage], file: String, frontMatterLines: [String: Int] = [:], requiresLines: [Int] = []
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.order = order
        self.requires = requires
        self.pages = pages
        self.file = file
        self.frontMatterLines = frontMatterLines
        self.requiresLines = requiresLines
    }

    /// Every quiz in the lesson, in reading order.
    public var quizzes: [QuizBlock] {
        pages.flatMap { page in
            page.blocks.compactMap { block in
                if case .quiz(let quiz) = block { quiz } else { nil }
            }
        }
    }

    /// Every widget in the lesson, in reading order.
    public var widgets: [WidgetBlock] {
        pages.flatMap { page in
            page.blocks.compactMap { block in
                if case .widget(let widget) = block { widget } else { nil }
            }
        }
    }
}
