import Canvas
import Curriculum

/// Home laid out as lines, with the rows each entry occupies, so drawing and clicks agree.
struct HomeLayout {
    /// The scrolling list's lines and, for each entry, the index of its first line.
    var lines: [[Span]] = []
    var entryLines: [Range<Int>] = []
    /// The first list line shown, chosen so the selected entry is visible.
    var scroll = 0
    /// Where the list is drawn.
    var listArea: Rect
    /// How many lines at the end of `lines` stay at the foot of the list area whatever the scroll: the
    /// playground and the quiz, when the lessons alone are more than the screen holds.
    var pinned = 0

    /// The line of `lines` shown on row `row` of the list area (0 is its top), if any.
    func line(atListRow row: Int) -> Int? {
        guard row >= 0, row < listArea.height else { return nil }
        let scrolling = listArea.height - pinned
        let line = row < scrolling ? row + scroll : lines.count - pinned + (row - scrolling)
        let scrolledEnd = lines.count - pinned
        if row < scrolling { return line < scrolledEnd ? line : nil }
        return line >= scrolledEnd && line < lines.count ? line : nil
    }

    /// Whether lines of the scrolling part lie below what is shown.
    var hasMoreBelow: Bool { scroll + (listArea.height - pinned) < lines.count - pinned }

    /// Home for `tutor`: lesson summaries in full when everything fits, else one line each, else one
    /// line for the selected lesson only; and when even that is too long, the lessons scroll above the
    /// playground and the quiz, which stay in view, so both show without scrolling on an 80×24 terminal.
    init(tutor: Tutor, screen: HomeScreen) {
        self.init(tutor: tutor, screen: screen, summaryLines: nil, pinsTools: false)
        if lines.count > listArea.height {
            self = HomeLayout(tutor: tutor, screen: screen, summaryLines: 1, pinsTools: false)
        }
        if lines.count > listArea.height {
            self = HomeLayout(tutor: tutor, screen: screen, summaryLines: 0, pinsTools: false)
        }
        if lines.count > listArea.height {
            self = HomeLayout(tutor: tutor, screen: screen, summaryLines: 0, pinsTools: true)
        }
    }

    private init(tutor: Tutor, screen: HomeScreen, summaryLines: Int?, pinsTools: Bool) {
        let style = TutorStyle.standard(for: tutor.colors)
        let area = Rect(width: tutor.width, height: tutor.height)
        // Title bar, blank, list, blank, status, key bar.
        listArea = Rect(x: 0, y: 2, width: area.width, height: max(0, area.height - 5))
        let contentWidth = min(area.width - 4, 96)
        let left = max(2, (area.width - contentWidth) / 2)
        listArea.x = left
        listArea.width = contentWidth

        lines.append([Span("Lessons", style.heading)])
        let entries = HomeScreen.entries(in: tutor)
        let report = ProgressReport(progress: tutor.progress, library: tutor.library, now: tutor.now)
        for (index, entry) in entries.enumerated() {
            if case .playground = entry {
                lines.append([])
                lines.append([Span("More", style.heading)])
            }
            let start = lines.count
            let isSelected = index == screen.selected
            let pointer = isSelected ? (tutor.glyphs.isUnicode ? "▸ " : "> ") : "  "
            switch entry {
            case .lesson(let lesson):
                let number = "\(tutor.library.number(ofLessonAt: index))".leftPadded(to: 2) + "  "
                let reportLine = report.lessons.first(where: { $0.id == lesson.id })
                var progress = Self.progressText(lesson, tutor.progress[lesson.id], known: reportLine?.known ?? 0, glyphs: tutor.glyphs)
                if let due = reportLine?.due, due > 0 {
                    progress += (tutor.glyphs.isUnicode ? " · " : " - ") + "\(due) due"
                }
                let titleWidth = contentWidth - 2 - displayWidth(of: number) - displayWidth(of: progress) - 2
                var line = [Span(pointer, style.accent), Span(number, style.secondary),
                            Span(align(lesson.title, width: max(0, titleWidth), .left, ellipsis: tutor.glyphs.ellipsis),
                                 isSelected ? style.selected : Style(bold: true))]
                let read = tutor.progress[lesson.id].pagesRead.count
                line.append(Span("  " + progress, read >= lesson.pages.count ? style.done : style.secondary))
                lines.append(line)
                if let summaryLines, summaryLines > 0 || isSelected {
                    // One line each (or for the selected lesson only), cut with an ellipsis, so the whole list fits.
                    let line = truncate(lesson.summary, width: max(1, contentWidth - 6), ellipsis: tutor.glyphs.ellipsis)
                    lines.append([Span("      " + line, style.secondary)])
                } else if summaryLines == nil {
                    for summaryLine in wrap(lesson.summary, width: max(1, contentWidth - 6)) {
                        lines.append([Span("      " + summaryLine, style.secondary)])
                    }
                }
            case .playground:
                lines.append(Self.toolLine(pointer, "Playground", "build and train a network of your own", "", isSelected, contentWidth, style, tutor.glyphs))
            case .quiz:
                lines.append(Self.toolLine(pointer, "Quiz", "review questions from lessons you read", Self.quizNote(report),
                                           isSelected, contentWidth, style, tutor.glyphs))
            }
            entryLines.append(start..<lines.count)
        }
        if tutor.library.lessons.isEmpty {
            lines.insert([Span("  No lessons could be loaded; see the notes below.", style.warning)], at: 1)
            entryLines = entryLines.map { ($0.lowerBound + 1)..<($0.upperBound + 1) }
        }

        let notes = Self.notes(tutor)
        var noteLines: [[Span]] = []
        if !notes.isEmpty {
            noteLines.append([])
            noteLines.append([Span("Notes", style.heading)])
            for note in notes {
                for (index, noteLine) in wrap(note, width: max(1, contentWidth - 4)).enumerated() {
                    noteLines.append([Span(index == 0 ? "  ! " : "    ", style.warning), Span(noteLine)])
                }
            }
        }
        // Pinned, the "More" section (from its blank line on) moves below the notes, to the foot of the list.
        let toolEntries = entries.indices.filter { if case .lesson = entries[$0] { false } else { true } }
        if pinsTools, let firstTool = toolEntries.first, entryLines[firstTool].lowerBound >= 2,
           listArea.height >= lines.count - (entryLines[firstTool].lowerBound - 2) + 3 {
            let start = entryLines[firstTool].lowerBound - 2
            let tools = Array(lines[start...])
            lines.removeSubrange(start...)
            let shift = lines.count + noteLines.count - start
            lines += noteLines + tools
            for index in toolEntries { entryLines[index] = (entryLines[index].lowerBound + shift)..<(entryLines[index].upperBound + shift) }
            pinned = tools.count
        } else {
            lines += noteLines
        }

        // Keep the selected entry in view, preferring to show the list from its top; a pinned entry is
        // always in view.
        if let range = entryLines.indices.contains(screen.selected) ? entryLines[screen.selected] : nil,
           range.upperBound <= lines.count - pinned {
            let visible = listArea.height - pinned
            let scrolling = lines.count - pinned
            if range.upperBound > visible { scroll = range.upperBound - visible }
            if range.lowerBound < scroll { scroll = range.lowerBound }
            scroll = max(0, min(scroll, max(0, scrolling - visible)))
            if range.lowerBound < scroll { scroll = range.lowerBound }
        }
    }

    /// The entry drawn on screen row `row`, if any.
    func entry(atRow row: Int) -> Int? {
        guard let line = line(atListRow: row - listArea.y) else { return nil }
        return entryLines.firstIndex { $0.contains(line) }
    }

    /// Pages read and quiz score, e.g. `3/7 pages · quiz 1/2`.
    static func progressText(_ lesson: Lesson, _ progress: LessonProgress, known: Int, glyphs: GlyphSet) -> String {
        let read = progress.pagesRead.filter { $0 < lesson.pages.count }.count
        var text = read == 0 ? "not started" : "\(read)/\(lesson.pages.count) pages"
        let quizIDs = lesson.quizzes.map(\.id)
        if !quizIDs.isEmpty {
            let separator = glyphs.isUnicode ? " · " : " - "
            text += separator + "quiz \(known)/\(quizIDs.count)"
        }
        return text
    }

    /// What waits in the quiz, in the words `gradschool progress` uses: `3 due · 5 new`, or `nothing due`.
    static func quizNote(_ report: ProgressReport) -> String {
        var parts: [String] = []
        if report.dueNow > 0 { parts.append("\(report.dueNow) due") }
        if report.newInOpenedLessons > 0 { parts.append("\(report.newInOpenedLessons) new") }
        return parts.isEmpty ? "nothing due" : parts.joined(separator: ", ")
    }

    private static func toolLine(_ pointer: String, _ name: String, _ summary: String, _ note: String, _ isSelected: Bool, _ width: Int, _ style: TutorStyle, _ glyphs: GlyphSet) -> [Span] {
        let soon = note
        let nameWidth = 14
        let summaryWidth = max(0, width - 2 - 4 - nameWidth - soon.count - 2)
        return [
            Span(pointer, style.accent), Span("    "),
            Span(align(name, width: nameWidth, .left, ellipsis: glyphs.ellipsis), isSelected ? style.selected : Style(bold: true)),
            Span(align(summary, width: summaryWidth, .left, ellipsis: glyphs.ellipsis), style.secondary),
            Span("  " + soon, style.secondary),
        ]
    }

    /// Notices and lessons left out, one line each.
    static func notes(_ tutor: Tutor) -> [String] {
        var notes = tutor.notices
        let issues = tutor.library.issues
        for file in tutor.library.brokenFiles {
            let fileIssues = issues.filter { $0.file == file }
            let name = NSStringPath(file).lastComponent
            let first = fileIssues.first.map { "line \($0.line): \($0.message)" } ?? ""
            let more = fileIssues.count > 1 ? " (and \(fileIssues.count - 1) more)" : ""
            notes.append("\(name) was left out: \(first)\(more). Run 'gradschool check' to see every problem.")
        }
        return notes
    }
}

/// The last component of a path, without Foundation.
struct NSStringPath {
    let path: String
    init(_ path: String) { self.path = path }
    var lastComponent: String { path.split(separator: "/").last.map(String.init) ?? path }
}

extension String {
    /// The string with spaces in front to make it `width` columns wide.
    func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - displayWidth(of: self))) + self
    }
}
