/// Word-wraps plain text into lines of at most `width` columns.
///
/// Newlines end paragraphs and are kept as line breaks; an empty paragraph gives an empty line.
/// Within a paragraph, runs of spaces between words become one space and spaces at line ends are
/// dropped. A word longer than a whole line is cut between characters. Widths are display widths,
/// so wide characters count two columns and combining marks none. A single character wider than
/// `width` (a CJK character in one column) gets a line of its own rather than being lost.
/// A width below 1 yields no lines at all.
public func wrap(_ text: String, width: Int) -> [String] {
    wrap([Span(text)], width: width).map(\.plainText)
}

/// Word-wraps styled text into lines of at most `width` columns; see `wrap(_:width:)`.
///
/// Words may cross span boundaries (`**bold**,` keeps its comma), and each output line is a list
/// of spans that merges neighbours of the same style.
public func wrap(_ spans: [Span], width: Int) -> [[Span]] {
    guard width > 0 else { return [] }
    var wrapper = LineWrapper(width: width)
    for span in spans {
        for character in span.text {
            wrapper.add(character, style: span.style)
        }
    }
    return wrapper.finish()
}

/// The state of a greedy word wrap: the line being filled and the word being read.
private struct LineWrapper {
    /// One character with its style and width, so widths are computed once.
    struct Glyph {
        var character: Character
        var style: Style
        var width: Int
    }

    let width: Int
    var lines: [[Span]] = []
    var line: [Glyph] = []
    var lineWidth = 0
    var word: [Glyph] = []
    var wordWidth = 0
    /// The space that separated the pending word from the line, kept for its style.
    var pendingSpace: Glyph?

    init(width: Int) { self.width = width }

    mutating func add(_ character: Character, style: Style) {
        if character == "\n" || character == "\r\n" || character == "\r" {
            flushWord()
            endLine()
            return
        }
        if character == " " || character == "\t" {
            flushWord()
            if !line.isEmpty && pendingSpace == nil {
                pendingSpace = Glyph(character: " ", style: style, width: 1)
            }
            return
        }
        let w = displayWidth(of: character)
        if w == 0 && character.asciiValue != nil { return }  // control characters draw nothing
        word.append(Glyph(character: character, style: style, width: w))
        wordWidth += w
    }

    /// Places the word just read on the current line, or on new lines when it does not fit.
    mutating func flushWord() {
        guard !word.isEmpty else { return }
        defer { word.removeAll(keepingCapacity: true); wordWidth = 0; pendingSpace = nil }
        if !line.isEmpty {
            if lineWidth + 1 + wordWidth <= width {
                line.append(pendingSpace ?? Glyph(character: " ", style: word[0].style, width: 1))
                line.append(contentsOf: word)
                lineWidth += 1 + wordWidth
                return
            }
            endLine()
        }
        if wordWidth <= width {
            line = word
            lineWidth = wordWidth
            return
        }
        // The word is longer than a whole line: cut it between characters.
        for glyph in word {
            if lineWidth + glyph.width > width && !line.isEmpty { endLine() }
            line.append(glyph)
            lineWidth += glyph.width
        }
    }

    mutating func endLine() {
        lines.append(Self.spans(of: line))
        line.removeAll(keepingCapacity: true)
        lineWidth = 0
        pendingSpace = nil
    }

    mutating func finish() -> [[Span]] {
        flushWord()
        endLine()
        return lines
    }

    /// Groups neighbouring glyphs of the same style into spans.
    static func spans(of glyphs: [Glyph]) -> [Span] {
        var spans: [Span] = []
        for glyph in glyphs {
            if let last = spans.last, last.style == glyph.style {
                spans[spans.count - 1].text.append(glyph.character)
            } else {
                spans.append(Span(String(glyph.character), glyph.style))
            }
        }
        return spans
    }
}
