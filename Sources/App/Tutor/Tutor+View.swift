import Canvas
import Curriculum

extension Tutor {
    /// The screen as a buffer of cells the size of the terminal.
    public func view() -> Buffer {
        var buffer = Buffer(width: width, height: height)
        let style = TutorStyle.standard(for: colors)
        if isTooSmall {
            drawSizeNotice(into: &buffer, style: style)
            return buffer
        }
        switch screen {
        case .home(let home): drawHome(home, into: &buffer, style: style)
        case .reader(let reader): drawReader(reader, into: &buffer, style: style)
        case .quiz(let quiz): drawQuiz(quiz, into: &buffer, style: style)
        case .playground(let playground):
            playground.draw(into: &buffer, layout: playgroundLayout, glyphs: glyphs, colors: colors)
        case .sequencePlayground(let playground):
            playground.draw(into: &buffer, glyphs: glyphs, colors: colors)
        case .imagePlayground(let playground):
            playground.draw(into: &buffer, glyphs: glyphs, colors: colors)
        }
        switch overlay {
        case .help?: drawHelp(into: &buffer, style: style)
        case .contents(let selected)?: drawContents(selected: selected, into: &buffer, style: style)
        case .confirmQuit(let reason)?: drawConfirmQuit(reason, into: &buffer, style: style)
        case nil: break
        }
        return buffer
    }

    // MARK: Screens

    private func drawHome(_ home: HomeScreen, into buffer: inout Buffer, style: TutorStyle) {
        let area = buffer.area
        buffer.bar([Span("gradschool", style.barAccent), Span("  deep learning, one neuron at a time", style.bar)],
                   right: [Span(library.lessons.count == 1 ? "1 lesson" : "\(library.lessons.count) lessons", style.bar)], row: 0, in: area, style: style.bar)
        let layout = HomeLayout(tutor: self, screen: home)
        for row in 0..<layout.listArea.height {
            guard let line = layout.line(atListRow: row) else { continue }
            buffer.put(layout.lines[line], at: layout.listArea.x, layout.listArea.y + row, maxWidth: layout.listArea.width)
        }
        // Say when the list goes on beyond what is shown.
        let up = glyphs.isUnicode ? "↑" : "^", down = glyphs.isUnicode ? "↓" : "v"
        if layout.scroll > 0 {
            buffer.put("\(up) more above", at: layout.listArea.x, layout.listArea.y - 1, style: style.secondary)
        }
        if layout.hasMoreBelow {
            // Under the lessons: above the pinned playground and quiz (on their blank line), or below the list.
            let row = layout.pinned > 0 ? layout.listArea.y + layout.listArea.height - layout.pinned : layout.listArea.bottom
            buffer.put("\(down) more below (\(down) or j)", at: layout.listArea.x, row, style: style.secondary)
        }
        if let status = home.status {
            buffer.put(truncate(status, width: layout.listArea.width, ellipsis: glyphs.ellipsis),
                       at: layout.listArea.x, area.height - 2, style: style.accent)
        }
        let arrows = glyphs.isUnicode ? "↑↓" : "Up/Down"
        buffer.bar(hints([(arrows, "choose"), ("Enter", "open"), ("?", "help"), ("q", "quit")], style: style),
                   right: mouseHint(style), row: area.height - 1, in: area, style: style.bar)
    }

    private func drawReader(_ reader: ReaderScreen, into buffer: inout Buffer, style: TutorStyle) {
        let area = buffer.area
        let layout = ReaderLayout(reader: reader, width: width, height: height, glyphs: glyphs, colors: colors)
        let pageCount = reader.lesson.pages.count
        buffer.bar([Span(reader.lesson.title, style.barAccent)],
                   right: [Span("page \(reader.page + 1)/\(pageCount)", style.barAccent)],
                   row: 0, in: area, style: style.bar)
        for (row, line) in layout.lines.dropFirst(reader.scroll).prefix(layout.body.height).enumerated() {
            buffer.put(line, at: layout.body.x, layout.body.y + row, maxWidth: layout.body.width)
        }
        // Where in the page the learner is, when the page is taller than the screen.
        var position: [Span] = []
        if layout.maximumScroll > 0 {
            let percent = reader.scroll * 100 / layout.maximumScroll
            let more = reader.scroll < layout.maximumScroll ? (glyphs.isUnicode ? " ↓ more" : " v more") : ""
            position = [Span("\(percent)%\(more)", style.bar)]
        }
        let (previous, next) = glyphs.isUnicode ? ("←", "→") : ("p", "n")
        let keys: [(String, String)]
        let back = quizAwaitingReturn == nil ? "home" : "back to quiz"
        let isLastPage = reader.page == reader.lesson.pages.count - 1
        let hasNextLesson = library.lessons.last?.id != reader.lesson.id
        let nextAction = isLastPage ? (hasNextLesson ? "next lesson" : "home") : "next"
        if reader.elements.focus != nil {
            // A widget or quiz has the keys; the page keys that still work are n and p.
            keys = [("Tab", "next widget"), ("Esc", "back to the page"), ("n p", "page"), ("?", "help"), ("q", "quit")]
        } else if !reader.elements.isEmpty {
            keys = [(previous, "prev"), (next, nextAction), ("Tab", "widgets"), ("t", "contents"), ("Esc", back), ("?", "help"), ("q", "quit")]
        } else {
            keys = [(previous, "prev"), (next, nextAction), ("t", "contents"), ("Esc", back), ("?", "help"), ("q", "quit")]
        }
        buffer.bar(hints(keys, style: style), right: position, row: area.height - 1, in: area, style: style.bar)
    }

    private func drawSizeNotice(into buffer: inout Buffer, style: TutorStyle) {
        let lines = [
            "Terminal too small",
            "now \(width)×\(height), needs \(Self.minimumWidth)×\(Self.minimumHeight)",
            "Enlarge the window, or press q to quit.",
        ].map { glyphs.isUnicode ? $0 : $0.replacingTimes }
        let area = buffer.area
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let fitted = truncate(line, width: area.width, ellipsis: glyphs.ellipsis)
            let x = max(0, (area.width - displayWidth(of: fitted)) / 2)
            buffer.put(fitted, at: x, top + index, style: index == 0 ? style.warning : .plain)
        }
    }

    // MARK: Overlays

    private func drawHelp(into buffer: inout Buffer, style: TutorStyle) {
        let bindings = KeyHelp.bindings(for: screen)
        let keyWidth = (bindings.map { displayWidth(of: $0.keys) }.max() ?? 0) + 3
        let actionWidth = bindings.map { displayWidth(of: $0.action) }.max() ?? 0
        let box = buffer.area.centered(width: keyWidth + actionWidth + 6, height: bindings.count + 5)
        let title = switch screen {
        case .home: "Keys: home"
        case .reader: "Keys: lesson reader"
        case .quiz: "Keys: quiz"
        case .playground: "Keys: playground"
        case .sequencePlayground: "Keys: playground, sequence mode"
        case .imagePlayground: "Keys: image playground"
        }
        buffer.frame(box, title: title, glyphs: glyphs, style: style.frame, titleStyle: style.heading)
        for (index, binding) in bindings.enumerated() {
            let keys = glyphs.isUnicode ? binding.keys : KeyHelp.asciiKeys(binding.keys)
            buffer.put(keys, at: box.x + 3, box.y + 2 + index, style: style.accent, maxWidth: keyWidth)
            buffer.put(binding.action, at: box.x + 3 + keyWidth, box.y + 2 + index, maxWidth: box.width - keyWidth - 5)
        }
        buffer.put("Press any key to close.", at: box.x + 3, box.bottom - 2, style: style.secondary, maxWidth: box.width - 5)
    }

    private func drawContents(selected: Int, into buffer: inout Buffer, style: TutorStyle) {
        guard case .reader(let reader) = screen else { return }
        let pages = reader.lesson.pages
        let read = progress[reader.lesson.id].pagesRead
        let titleWidth = min((pages.map { displayWidth(of: $0.title) }.max() ?? 0) + 8, buffer.area.width - 8)
        let visible = min(pages.count, buffer.area.height - 6)
        let box = buffer.area.centered(width: max(titleWidth + 6, 30), height: visible + 4)
        buffer.frame(box, title: "Contents: \(reader.lesson.title)", glyphs: glyphs, style: style.frame, titleStyle: style.heading)
        let first = min(max(0, selected - visible + 1), max(0, pages.count - visible))
        for row in 0..<visible {
            let index = first + row
            let mark = read.contains(index) ? (glyphs.isUnicode ? "✓" : "*") : " "
            let current = index == reader.page ? (glyphs.isUnicode ? "▸" : ">") : " "
            let number = "\(index + 1)".leftPadded(to: 2)
            let text = align("\(number). \(pages[index].title)", width: box.width - 10, .left, ellipsis: glyphs.ellipsis)
            buffer.put([Span(current + " ", style.accent), Span(mark + " ", style.done),
                        Span(text, index == selected ? style.selected : .plain)],
                       at: box.x + 2, box.y + 2 + row, maxWidth: box.width - 4)
        }
    }

    private func drawConfirmQuit(_ reason: String, into buffer: inout Buffer, style: TutorStyle) {
        let width = min(buffer.area.width - 4, 64)
        let lines = wrap(reason, width: width - 6) + ["", "Quit anyway? y or q quits, any other key stays."]
        let box = buffer.area.centered(width: width, height: lines.count + 4)
        buffer.frame(box, title: "Quit?", glyphs: glyphs, style: style.warning, titleStyle: style.warning)
        for (index, line) in lines.enumerated() {
            buffer.put(line, at: box.x + 3, box.y + 2 + index, maxWidth: box.width - 5)
        }
    }

    // MARK: Pieces

    private func hints(_ pairs: [(String, String)], style: TutorStyle) -> [Span] {
        pairs.enumerated().flatMap { index, pair in
            [Span((index == 0 ? "" : "  ") + pair.0, style.barAccent), Span(" " + pair.1, style.bar)]
        }
    }

    private func mouseHint(_ style: TutorStyle) -> [Span] {
        [Span("m", style.barAccent), Span(mouseCaptured ? " mouse on" : " mouse off", style.bar)]
    }
}

extension Screen {
    var isReader: Bool {
        if case .reader = self { true } else { false }
    }

    var isPlayground: Bool {
        if case .playground = self { true } else { false }
    }
}

extension String {
    fileprivate var replacingTimes: String {
        String(map { $0 == "×" ? "x" : $0 })
    }
}
