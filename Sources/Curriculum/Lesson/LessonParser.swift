import Canvas

/// What reading one lesson file produced: the lesson when it is sound, and every problem found.
public struct LessonParseResult: Sendable {
    /// The lesson as far as it could be read, or nil when its front matter is unusable. A lesson with
    /// issues is still returned so checks that span lessons (ids, `requires`) can see it; it is sound
    /// only when `issues` is empty.
    public var lesson: Lesson?
    /// Whether the file has no problems at all.
    public var isSound: Bool { issues.isEmpty && lesson != nil }
    /// Every problem found in the file, in line order.
    public var issues: [LessonIssue]
}

/// Reads one lesson file: YAML front matter, then Markdown split into pages at `##` headings.
public enum LessonParser {
    /// Parses the text of a lesson file.
    /// - Parameters:
    ///   - text: the whole file.
    ///   - file: the name used in issue messages, usually the path as the user gave it.
    public static func parse(_ text: String, file: String) -> LessonParseResult {
        var issues = IssueList(file: file)
        guard let split = FrontMatterSplit.split(text, issues: &issues) else {
            return LessonParseResult(lesson: nil, issues: issues.issues)
        }
        let frontMatter = FrontMatter.parse(split, issues: &issues)
        let pages = parsePages(split, lessonTitle: frontMatter?.title ?? "", issues: &issues)

        let sorted = issues.issues.sorted { $0.line < $1.line }
        guard let frontMatter else { return LessonParseResult(lesson: nil, issues: sorted) }
        let lesson = Lesson(
            id: frontMatter.id, title: frontMatter.title, summary: frontMatter.summary, order: frontMatter.order,
            requires: frontMatter.requires, pages: pages, file: file,
            frontMatterLines: frontMatter.lines, requiresLines: frontMatter.requiresLines
        )
        return LessonParseResult(lesson: lesson, issues: sorted)
    }

    /// Splits the Markdown body into pages; text before the first `##` becomes an opening page
    /// named after the lesson, and a leading `#` title is dropped because home already shows it.
    private static func parsePages(_ split: FrontMatterSplit, lessonTitle: String, issues: inout IssueList) -> [LessonPage] {
        guard let document = CMarkDocument(split.body) else {
            issues.add(line: split.bodyLineOffset + 1, "the Markdown parser could not start; the machine may be out of memory")
            return []
        }
        var pages: [LessonPage] = []
        var quizIDs: [String: Int] = [:]
        var sawTitle = false

        func append(_ block: LessonBlock, line: Int) {
            if pages.isEmpty { pages.append(LessonPage(title: lessonTitle, line: line, blocks: [])) }
            pages[pages.count - 1].blocks.append(block)
        }

        var flattened = MarkdownConverter.Flattened()
        func converted(_ node: CMarkNode) -> MarkdownBlock? {
            MarkdownConverter.block(node, depth: 0, flattened: &flattened)
        }
        for node in document.blocks {
            let line = node.startLine + split.bodyLineOffset
            switch node.kind {
            case "heading" where node.headingLevel == 1 && !sawTitle && pages.isEmpty:
                sawTitle = true
            case "heading" where node.headingLevel == 2:
                let title = MarkdownConverter.inlines(node.children).plainText
                pages.append(LessonPage(title: title, line: line, blocks: []))
            case "code_block":
                let info = node.fenceInfo.split(separator: " ", omittingEmptySubsequences: true)
                switch info.first {
                case "widget":
                    let name = info.count > 1 ? String(info[1]) : ""
                    if let widget = WidgetParser.parse(name: name, body: node.literal, fenceLine: line, issues: &issues) {
                        append(.widget(widget), line: line)
                    }
                case "quiz":
                    if let quiz = QuizParser.parse(body: node.literal, fenceLine: line, issues: &issues) {
                        if let first = quizIDs[quiz.id] {
                            issues.add(line: line, "duplicate quiz id '\(quiz.id)': line \(first) uses it already; quiz ids must be unique")
                        } else {
                            quizIDs[quiz.id] = line
                            append(.quiz(quiz), line: line)
                        }
                    }
                case "source":
                    let name = info.count > 1 ? String(info[1]) : ""
                    if let block = SourceBlockParser.parse(name: name, fenceLine: line, issues: &issues) { append(.markdown(block), line: line) }
                default:
                    if let block = converted(node) { append(.markdown(block), line: line) }
                }
            default:
                if let block = converted(node) { append(.markdown(block), line: line) }
            }
        }
        let depth = MarkdownConverter.maximumDepth
        if let line = flattened.blockLine {
            issues.add(line: line + split.bodyLineOffset, "quotes or lists are nested more than \(depth) levels deep here: "
                       + "the reader shows \(depth) levels and the rest as plain text; nest less deeply")
        }
        if let line = flattened.inlineLine {
            issues.add(line: line + split.bodyLineOffset, "emphasis, strikethrough or links are nested more than \(depth) "
                       + "levels inside one another here: the reader shows \(depth) levels and the rest as plain text; nest less deeply")
        }
        if pages.isEmpty {
            issues.add(line: split.bodyLineOffset + 1, "the lesson has no pages: add text under '## ' headings, one per page")
        }
        return pages
    }
}
