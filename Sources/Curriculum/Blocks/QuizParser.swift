import Foundation
import Yams

/// Reads a ```` ```quiz ```` block: a question, its choices, the right answer and why.
enum QuizParser {
    /// The keys a quiz block accepts.
    static let keys = ["id", "question", "choices", "answer", "explanation"]

    /// The quiz described by `body`, or nil with the problems added to `issues`.
    static func parse(body: String, fenceLine: Int, issues: inout IssueList) -> QuizBlock? {
        let before = issues.issues.count
        guard let yaml = YAMLBlock.parse(body, firstLine: fenceLine + 1, issues: &issues) else { return nil }
        for item in yaml.entries where !keys.contains(item.key) {
            issues.add(line: item.line, "unknown quiz key '\(item.key)': a quiz has \(keys.joined(separator: ", "))")
        }

        func text(_ key: String, required: Bool = true) -> String? {
            guard let item = yaml[key] else {
                if required { issues.add(line: fenceLine, "quiz without '\(key)': add '\(key): ...'") }
                return nil
            }
            guard item.value.scalar != nil, let value = item.value.string,
                  !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                issues.add(line: item.line, "quiz '\(key)' must be non-empty text")
                return nil
            }
            return value
        }

        let id = text("id")
        if let id, !LessonIdentifier.isValid(id), let line = yaml["id"]?.line {
            issues.add(line: line, "quiz id '\(id)' must be lowercase letters, digits and dashes, e.g. perceptron-xor")
        }
        let question = text("question")
        let explanation = text("explanation")

        var choices: [String] = []
        if let item = yaml["choices"] {
            let list = item.value.sequence.map { Array($0) } ?? []
            choices = list.compactMap { $0.scalar != nil ? $0.string : nil }
            if choices.count != list.count || choices.count < 2 {
                issues.add(line: item.line, "quiz 'choices' must be a list of at least two answers, one '- answer' per line")
            }
        } else {
            issues.add(line: fenceLine, "quiz without 'choices': add a list of at least two answers")
        }

        var answer: Int?
        if let item = yaml["answer"] {
            if item.value.scalar != nil, let number = item.value.int, (1...max(choices.count, 1)).contains(number) {
                answer = number - 1
            } else {
                issues.add(line: item.line, "quiz 'answer' must be the number of the right choice, from 1 to \(max(choices.count, 1))")
            }
        } else {
            issues.add(line: fenceLine, "quiz without a right answer: add 'answer: N', the number of the right choice")
        }

        guard issues.issues.count == before, let id, let question, let explanation, let answer else { return nil }
        return QuizBlock(id: id, question: question, choices: choices, answer: answer, explanation: explanation, line: fenceLine)
    }
}
