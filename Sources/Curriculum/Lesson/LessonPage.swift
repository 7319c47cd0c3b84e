/// One page of a lesson: the text under one second-level heading.
public struct LessonPage: Equatable, Sendable {
    /// The heading's text, shown in the page indicator and the table of contents.
    public var title: String
    /// The line of the heading in the lesson file.
    public var line: Int
    /// The page's content in reading order; the heading itself is not repeated here.
    public var blocks: [LessonBlock]

    public init(title: String, line: Int, blocks: [LessonBlock]) {
        self.title = title
        self.line = line
        self.blocks = blocks
    }
}
