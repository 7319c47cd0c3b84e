/// Finds a named declaration in Swift source by its lines and braces: enough for the engine's plain,
/// consistently formatted code, without a Swift parser.
enum SourceExcerptFinder {
    static let typeKeywords: Set<String> = ["struct", "enum", "class", "extension", "protocol", "actor"]
    static let memberKeywords: Set<String> = ["func", "var", "let", "init", "case", "subscript", "static", "typealias"]

    static func find(_ name: String, in files: [EngineSourceFile]) -> SourceExcerpt? {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        guard let typeName = parts.first, !typeName.isEmpty else { return nil }
        let memberName = parts.count > 1 ? parts[1] : nil
        for file in files {
            let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (index, line) in lines.enumerated() where declares(line, keywords: typeKeywords, name: typeName) {
                guard let memberName else {
                    let start = docStart(lines, before: index)
                    return excerpt(name, file: file, lines: lines, from: start, through: index)
                }
                let end = blockEnd(lines, from: index)
                var depth = 0
                for memberIndex in index...end {
                    if depth == 1 && declares(lines[memberIndex], keywords: memberKeywords, name: memberName) {
                        let start = docStart(lines, before: memberIndex)
                        let last = lines[memberIndex].contains("{") ? blockEnd(lines, from: memberIndex) : memberIndex
                        return excerpt(name, file: file, lines: lines, from: start, through: last)
                    }
                    depth += braceBalance(lines[memberIndex])
                }
            }
        }
        return nil
    }

    /// Whether `line` declares `name` after one of `keywords` (`public mutating func forward(`).
    static func declares(_ line: String, keywords: Set<String>, name: String) -> Bool {
        let code = line.trimmingLeadingSpaces
        guard !code.hasPrefix("//") else { return false }
        let words = code.split(whereSeparator: { " \t(<:{=,".contains($0) }).map(String.init)
        for (index, word) in words.enumerated() where keywords.contains(word) {
            if word == "init" && name == "init" { return true }
            if index + 1 < words.count && words[index + 1] == name { return true }
        }
        return false
    }

    /// The first line of the doc comment and attributes right above `index`.
    static func docStart(_ lines: [String], before index: Int) -> Int {
        var start = index
        while start > 0 {
            let previous = lines[start - 1].trimmingLeadingSpaces
            guard previous.hasPrefix("///") || previous.hasPrefix("@") else { break }
            start -= 1
        }
        return start
    }

    /// The line where the block opened on line `start` closes.
    static func blockEnd(_ lines: [String], from start: Int) -> Int {
        var depth = 0
        var opened = false
        for index in start..<lines.count {
            let balance = braceBalance(lines[index])
            if lines[index].contains("{") { opened = true }
            depth += balance
            if opened && depth <= 0 { return index }
        }
        return lines.count - 1
    }

    /// Opening minus closing braces on a line, outside strings and `//` comments.
    static func braceBalance(_ line: String) -> Int {
        var balance = 0
        var inString = false
        var previous: Character = " "
        for character in line {
            if inString {
                if character == "\"" && previous != "\\" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if character == "/" && previous == "/" {
                break
            } else if character == "{" {
                balance += 1
            } else if character == "}" {
                balance -= 1
            }
            previous = character
        }
        return balance
    }

    static func excerpt(_ name: String, file: EngineSourceFile, lines: [String], from start: Int, through end: Int) -> SourceExcerpt {
        let chosen = Array(lines[start...end])
        let indent = chosen.filter { !$0.trimmingLeadingSpaces.isEmpty }.map { $0.count - $0.trimmingLeadingSpaces.count }.min() ?? 0
        let text = chosen.map { $0.count >= indent ? String($0.dropFirst(indent)) : $0.trimmingLeadingSpaces }.joined(separator: "\n")
        return SourceExcerpt(name: name, path: file.path, line: start + 1, text: text)
    }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " || $0 == "\t" }) }
}
