import Yams

/// A YAML mapping read from part of a lesson file, with every key's line in that file.
struct YAMLBlock {
    /// One `key: value` pair and the file line the key is on.
    struct Entry {
        var key: String
        var line: Int
        var value: Node
    }

    var entries: [Entry]

    /// The entry for `key`, if present.
    subscript(key: String) -> Entry? { entries.first { $0.key == key } }

    /// Parses `text`, whose first line is line `firstLine` of the lesson file.
    /// An empty text is an empty mapping; anything that is not a mapping is reported.
    static func parse(_ text: String, firstLine: Int, issues: inout IssueList) -> YAMLBlock? {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let (line, problem) = describe(error)
            issues.add(line: firstLine + max(line, 1) - 1, "bad YAML: \(problem); check indentation and quote text containing ':' or '#'")
            return nil
        } catch {
            issues.add(line: firstLine, "bad YAML: \(error)")
            return nil
        }
        guard let node else { return YAMLBlock(entries: []) }
        guard let mapping = node.mapping else {
            let line = firstLine + (node.mark?.line ?? 1) - 1
            issues.add(line: line, "bad YAML: expected 'key: value' lines, found \(kindName(node))")
            return nil
        }
        var entries: [Entry] = []
        for (key, value) in mapping {
            let line = firstLine + (key.mark?.line ?? 1) - 1
            guard let name = key.string, key.scalar != nil else {
                issues.add(line: line, "bad YAML: a key must be a plain word")
                continue
            }
            entries.append(Entry(key: name, line: line, value: value))
        }
        return YAMLBlock(entries: entries)
    }

    /// The line (within the YAML text) and the problem a Yams error reports.
    private static func describe(_ error: YamlError) -> (Int, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // libyaml marks where it gave up (often the end of the block); the construct it was
            // reading starts at the context's mark, which is the line an author needs to look at.
            if let context { return (context.mark.line, "\(problem) \(context.text)") }
            return (mark.line, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, "the key \(duplicates.joined(separator: ", ")) appears more than once")
        case .reader(let problem, _, _, _):
            return (1, problem)
        default:
            return (1, "\(error)")
        }
    }

    /// How a node's shape reads in an error message.
    static func kindName(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "the text '\(scalar.string)'"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }
}

/// Issues found while reading one lesson file, each tied to a line.
struct IssueList {
    let file: String
    private(set) var issues: [LessonIssue] = []

    init(file: String) { self.file = file }

    mutating func add(line: Int, _ message: String) {
        issues.append(LessonIssue(file: file, line: line, message: message))
    }
}
