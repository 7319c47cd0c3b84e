import Foundation

/// Links from one lesson to another, written as ordinary Markdown links to the other lesson's file,
/// e.g. `[Gradient descent](05-descent.md)`, so they work on any Markdown viewer too.
enum LessonLinks {
    /// Every link in `text` whose destination is a relative `.md` file (a `#part` after it allowed), with
    /// its line; links inside fenced code blocks are examples, not links, and are left out.
    static func lessonFileLinks(in text: String) -> [(line: Int, target: String)] {
        guard let pattern = try? NSRegularExpression(pattern: #"\]\(\s*<?([^()\s<>]+?\.md)(#[^()\s]*)?>?\s*\)"#) else { return [] }
        var links: [(line: Int, target: String)] = []
        var fence: String?
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3))
                continue
            }
            for match in pattern.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
                guard let range = Range(match.range(at: 1), in: line) else { continue }
                let target = String(line[range])
                if target.contains("://") || target.hasPrefix("/") { continue }
                links.append((index + 1, target))
            }
        }
        return links
    }
}
