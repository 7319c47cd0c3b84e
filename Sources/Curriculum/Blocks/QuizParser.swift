import Foundation
import Yams

/// Reads a ```` ```quiz ```` block: a question and its right answer (one choice, every right choice, true
/// or false, a number, or a template that draws its own numbers), and why.
enum QuizParser {
    /// The keys a quiz block accepts.
    static let keys = ["id", "question", "choices", "answer", "tolerance", "template", "explanation"]

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

        // A template draws its own numbers and explains them, so its question and explanation are optional.
        if let item = yaml["template"] {
            let names = QuizTemplate.allCases.map(\.rawValue).joined(separator: ", ")
            let template = item.value.scalar != nil ? item.value.string.flatMap(QuizTemplate.init(rawValue:)) : nil
            if template == nil {
                issues.add(line: item.line, "unknown quiz template '\(item.value.string ?? "")': use one of \(names)")
            }
            for key in ["choices", "answer", "tolerance"] {
                if let other = yaml[key] {
                    issues.add(line: other.line, "a quiz with a 'template' computes its own answer: remove '\(key)'")
                }
            }
            let question = yaml["question"] == nil ? "" : text("question")
            let explanation = yaml["explanation"] == nil ? "" : text("explanation")
            guard issues.issues.count == before, let id, let template, let question, let explanation else { return nil }
            return QuizBlock(id: id, question: question, form: .generated(template), explanation: explanation, line: fenceLine)
        }

        let question = text("question")
        let explanation = text("explanation")

        // `answer: true` or `false` with no choices: a statement the learner judges.
        if yaml["choices"] == nil, let item = yaml["answer"], item.value.scalar != nil, item.value.int == nil,
           item.value.float == nil, let truth = item.value.bool {
            if let other = yaml["tolerance"] {
                issues.add(line: other.line, "a true-or-false quiz has no 'tolerance': remove it")
            }
            guard issues.issues.count == before, let id, let question, let explanation else { return nil }
            let index = truth ? 0 : 1
            return QuizBlock(id: id, question: question, form: .multipleChoice, choices: QuizChoiceStyle.trueFalseChoices,
                             answer: index, explanation: explanation, line: fenceLine, choiceStyle: .trueOrFalse, answers: [index])
        }

        // Without choices, the answer is a number the learner types.
        if yaml["choices"] == nil, let item = yaml["answer"] {
            guard item.value.scalar != nil, let number = item.value.float, number.isFinite else {
                issues.add(line: item.line, "quiz 'answer' must be a number, e.g. 0.62, true or false, or add 'choices' for a multiple-choice question")
                return nil
            }
            var tolerance = QuizForm.defaultTolerance(for: number)
            if let toleranceItem = yaml["tolerance"] {
                if toleranceItem.value.scalar != nil, let value = toleranceItem.value.float, value.isFinite, value > 0 {
                    tolerance = value
                } else {
                    issues.add(line: toleranceItem.line, "quiz 'tolerance' must be a positive number, e.g. 0.01")
                }
            }
            guard issues.issues.count == before, let id, let question, let explanation else { return nil }
            return QuizBlock(id: id, question: question, form: .numeric(answer: number, tolerance: tolerance),
                             explanation: explanation, line: fenceLine)
        }

        var choices: [String] = []
        if let item = yaml["choices"] {
            let list = item.value.sequence.map { Array($0) } ?? []
            choices = list.compactMap { $0.scalar != nil ? $0.string : nil }
            if choices.count != list.count || choices.count < 2 {
                issues.add(line: item.line, "quiz 'choices' must be a list of at least two answers, one '- answer' per line")
            }
        } else {
            issues.add(line: fenceLine, "quiz without 'choices': add a list of at least two answers, or a numeric 'answer' with a 'tolerance'")
        }
        if let item = yaml["tolerance"] {
            issues.add(line: item.line, "a multiple-choice quiz has no 'tolerance': remove it, or remove 'choices' to ask for a number")
        }

        var answers: [Int]?
        var style = QuizChoiceStyle.pickOne
        let range = 1...max(choices.count, 1)
        if let item = yaml["answer"] {
            if item.value.scalar != nil, let number = item.value.int, range.contains(number) {
                answers = [number - 1]
            } else if let list = item.value.sequence {
                // `answer: [1, 3]`: the learner marks every right choice.
                style = .markAll
                let numbers = list.compactMap { $0.scalar != nil ? $0.int : nil }
                if numbers.count == list.count, !numbers.isEmpty, numbers.allSatisfy(range.contains), Set(numbers).count == numbers.count {
                    answers = numbers.map { $0 - 1 }.sorted()
                } else {
                    issues.add(line: item.line, "quiz 'answer' lists the numbers of every right choice, each once, from 1 to \(range.upperBound), e.g. [1, 3]")
                }
            } else {
                issues.add(line: item.line, "quiz 'answer' must be the number of the right choice, from 1 to \(range.upperBound), or a list of them, e.g. [1, 3]")
            }
        } else {
            issues.add(line: fenceLine, "quiz without a right answer: add 'answer: N', the number of the right choice")
        }

        guard issues.issues.count == before, let id, let question, let explanation, let answers, let first = answers.first else { return nil }
        return QuizBlock(id: id, question: question, form: .multipleChoice, choices: choices, answer: first,
                         explanation: explanation, line: fenceLine, choiceStyle: style, answers: answers)
    }
}
