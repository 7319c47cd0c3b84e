/// A lesson file split into its YAML front matter and its Markdown body.
struct FrontMatterSplit {
    /// The YAML between the two `---` lines.
    var yaml: String
    /// The file line of the first YAML line.
    var yamlFirstLine: Int
    /// Everything after the closing `---`.
    var body: String
    /// How many file lines come before the body's first line.
    var bodyLineOffset: Int

    /// Splits `text`, or reports why it has no usable front matter.
    static func split(_ text: String, issues: inout IssueList) -> FrontMatterSplit? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard let first = lines.first, first.trimmingTrailingSpaces == "---" else {
            issues.add(line: 1, "missing front matter: start the file with a '---' line, then id, title, summary and order, then '---'")
            return nil
        }
        guard let closing = lines.indices.dropFirst().first(where: {
            let line = lines[$0].trimmingTrailingSpaces
            return line == "---" || line == "..."
        }) else {
            issues.add(line: 1, "front matter is never closed: add a '---' line after its last key")
            return nil
        }
        return FrontMatterSplit(
            yaml: lines[1..<closing].joined(separator: "\n"),
            yamlFirstLine: 2,
            body: lines[(closing + 1)...].joined(separator: "\n"),
            bodyLineOffset: closing + 1
        )
    }
}

/// The lesson's description from its front matter.
struct FrontMatter {
    static let keys = ["id", "title", "summary", "order", "requires"]

    var id: String
    var title: String
    var summary: String
    var order: Int
    var requires: [String]
    var lines: [String: Int]
    var requiresLines: [Int]

    /// Reads and checks the front matter's YAML; nil when a required key is missing or wrong.
    static func parse(_ split: FrontMatterSplit, issues: inout IssueList) -> FrontMatter? {
        let before = issues.issues.count
        guard let yaml = YAMLBlock.parse(split.yaml, firstLine: split.yamlFirstLine, issues: &issues) else { return nil }
        var lines: [String: Int] = [:]
        for item in yaml.entries {
            lines[item.key] = item.line
            if !keys.contains(item.key) {
                issues.add(line: item.line, "unknown front matter key '\(item.key)': use \(keys.joined(separator: ", "))")
            }
        }

        func text(_ key: String) -> String? {
            guard let item = yaml[key] else {
                issues.add(line: 1, "front matter lacks '\(key)': add '\(key): ...' between the '---' lines")
                return nil
            }
            guard item.value.scalar != nil, let value = item.value.string, !value.isEmpty else {
                issues.add(line: item.line, "front matter '\(key)' must be non-empty text")
                return nil
            }
            return value
        }

        let id = text("id")
        if let id, !LessonIdentifier.isValid(id), let line = lines["id"] {
            issues.add(line: line, "lesson id '\(id)' must be lowercase letters, digits and dashes, e.g. perceptron")
        }
        let title = text("title")
        let summary = text("summary")

        var order: Int?
        if let item = yaml["order"] {
            order = item.value.scalar != nil ? item.value.int : nil
            if order == nil { issues.add(line: item.line, "front matter 'order' must be a whole number, e.g. 1") }
        } else {
            issues.add(line: 1, "front matter lacks 'order': add 'order: N' to place the lesson in the course")
        }

        var requires: [String] = []
        var requiresLines: [Int] = []
        if let item = yaml["requires"] {
            if let list = item.value.sequence {
                for element in list {
                    let line = split.yamlFirstLine + (element.mark?.line ?? 1) - 1
                    if element.scalar != nil, let name = element.string {
                        requires.append(name)
                        requiresLines.append(line)
                    } else {
                        issues.add(line: line, "each 'requires' entry must be a lesson id")
                    }
                }
            } else if item.value.scalar != nil, let name = item.value.string, !name.isEmpty {
                requires = [name]
                requiresLines = [item.line]
            } else {
                issues.add(line: item.line, "front matter 'requires' must be a list of lesson ids, e.g. [perceptron]")
            }
        }

        guard issues.issues.count == before, let id, let title, let summary, let order else { return nil }
        return FrontMatter(id: id, title: title, summary: summary, order: order, requires: requires,
                           lines: lines, requiresLines: requiresLines)
    }
}

extension Substring {
    fileprivate var trimmingTrailingSpaces: Substring {
        var copy = self
        while copy.last == " " || copy.last == "\t" { copy = copy.dropLast() }
        return copy
    }
}
