import Canvas

/// One piece of a lesson page: ordinary Markdown, or an interactive element.
public enum LessonBlock: Equatable, Sendable {
    /// Text, lists, tables and code, drawn by the Markdown renderer.
    case markdown(MarkdownBlock)
    /// A live widget (```widget NAME) with its settings.
    case widget(WidgetBlock)
    /// A multiple-choice question (```quiz).
    case quiz(QuizBlock)
}
