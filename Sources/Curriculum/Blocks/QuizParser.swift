import Foundation
import Yams

/// Reads a ```` ```quiz ```` block: a question and its right answer (one choice, every right choice, true
/// or false, a number, or a template that draws its own numbers), and why.
///
/// The right choice is best named by its text (`answer: It lowers the first weight`, or a list of them),
/// so reordering the choices can never silently change the key; a number still names a choice by its
/// position. `feedback` maps wrong choices (by their text) to a note for whoever picks them, `hint` is
/// a nudge the learner may ask for, and `range`, `step`, `activation` and `learning-rate` vary what a
/// template draws.
enum QuizParser {
    /// The keys a quiz block accepts.
    static let keys = ["id", "question", "choices", "answer", "tolerance", "template", "explanation", "feedback", "hint"]
        + TemplateParameters.keys

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
            for key in ["choices", "answer", "tolerance", "feedback"] {
                if let other = yaml[key] {
                    issues.add(line: other.line, "a quiz with a 'template' computes its own answer: remove '\(key)'")
                }
            }
            let parameters = template.map { templateParameters(yaml, template: $0, issues: &issues) } ?? TemplateParameters()
            let question = yaml["question"] == nil ? "" : text("question")
            let explanation = yaml["explanation"] == nil ? "" : text("explanation")
            let hint = yaml["hint"] == nil ? nil : text("hint")
            guard issues.issues.count == before, let id, let template, let question, let explanation else { return nil }
            var block = QuizBlock(id: id, question: question, form: .generated(template), explanation: explanation, line: fenceLine)
            block.templateParameters = parameters
            block.hint = hint
            return block
        }
        for key in TemplateParameters.keys {
            if let item = yaml[key] { issues.add(line: item.line, "'\(key)' varies a generated question: it needs a 'template'") }
        }
        let hint = yaml["hint"] == nil ? nil : text("hint")

        let question = text("question")
        let explanation = text("explanation")

        // `answer: true` or `false` with no choices: a statement the learner judges.
        if yaml["choices"] == nil, let item = yaml["answer"], item.value.scalar != nil, item.value.int == nil,
           item.value.float == nil, let truth = item.value.bool {
            if let other = yaml["tolerance"] {
                issues.add(line: other.line, "a true-or-false quiz has no 'tolerance': remove it")
            }
            let feedback = choiceFeedback(yaml, choices: QuizChoiceStyle.trueFalseChoices, right: [truth ? 0 : 1], issues: &issues)
            guard issues.issues.count == before, let id, let question, let explanation else { return nil }
            let index = truth ? 0 : 1
            var block = QuizBlock(id: id, question: question, form: .multipleChoice, choices: QuizChoiceStyle.trueFalseChoices,
                                  answer: index, explanation: explanation, line: fenceLine, choiceStyle: .trueOrFalse, answers: [index])
            block.feedback = feedback
            block.hint = hint
            return block
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
            if let item = yaml["feedback"] {
                issues.add(line: item.line, "'feedback' is for the wrong choices of a multiple-choice quiz: use the 'explanation' for a number")
            }
            guard issues.issues.count == before, let id, let question, let explanation else { return nil }
            var block = QuizBlock(id: id, question: question, form: .numeric(answer: number, tolerance: tolerance),
                                  explanation: explanation, line: fenceLine)
            block.hint = hint
            return block
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
        /// A choice named by its text (preferred) or its position from 1.
        func choiceIndex(_ node: Yams.Node) -> Int? {
            guard node.scalar != nil, let text = node.string else { return nil }
            if let index = choices.firstIndex(of: text.trimmingCharacters(in: .whitespaces)) { return index }
            if let number = node.int, range.contains(number) { return number - 1 }
            return nil
        }
        let example = choices.first.map { "e.g. 'answer: \($0)'" } ?? "e.g. 'answer: 2'"
        if let item = yaml["answer"] {
            if let list = item.value.sequence {
                // `answer: [sigmoid, ReLU]`: the learner marks every right choice.
                style = .markAll
                let indices = list.compactMap(choiceIndex)
                if indices.count == list.count, !indices.isEmpty, Set(indices).count == indices.count {
                    answers = indices.sorted()
                } else {
                    issues.add(line: item.line, "quiz 'answer' lists every right choice once, each written exactly as in 'choices' (or its number from 1 to \(range.upperBound))")
                }
            } else if let index = choiceIndex(item.value) {
                answers = [index]
            } else if !choices.isEmpty {
                issues.add(line: item.line, "quiz 'answer' '\(item.value.string ?? "")' is not one of the choices: write the right choice exactly as in 'choices', \(example)")
            }
        } else {
            issues.add(line: fenceLine, "quiz without a right answer: add 'answer: N', the number of the right choice")
        }

        let feedback = choiceFeedback(yaml, choices: choices, right: answers ?? [], issues: &issues)
        guard issues.issues.count == before, let id, let question, let explanation, let answers, let first = answers.first else { return nil }
        var block = QuizBlock(id: id, question: question, form: .multipleChoice, choices: choices, answer: first,
                              explanation: explanation, line: fenceLine, choiceStyle: style, answers: answers)
        block.feedback = feedback
        block.hint = hint
        return block
    }

    /// `feedback:` as a mapping from a wrong choice's text to the note for it.
    static func choiceFeedback(_ yaml: YAMLBlock, choices: [String], right: [Int], issues: inout IssueList) -> [Int: String] {
        guard let item = yaml["feedback"] else { return [:] }
        guard let mapping = item.value.mapping else {
            issues.add(line: item.line, "quiz 'feedback' maps wrong choices to a note, one per line, e.g. 'Adam: Adam is an optimizer, not an activation'")
            return [:]
        }
        var feedback: [Int: String] = [:]
        for (key, value) in mapping {
            let line = item.line + 1 + (key.mark.map { $0.line - (item.value.mark?.line ?? $0.line) } ?? 0)
            let text = key.string ?? ""
            guard let index = choices.firstIndex(of: text) else {
                issues.add(line: line, "quiz 'feedback' for '\(text)', which is not one of the choices: write the choice exactly as in 'choices'")
                continue
            }
            guard !right.contains(index) else {
                issues.add(line: line, "quiz 'feedback' for '\(text)', a right choice: feedback is for wrong choices; the explanation covers the right one")
                continue
            }
            guard value.scalar != nil, let note = value.string, !note.trimmingCharacters(in: .whitespaces).isEmpty else {
                issues.add(line: line, "quiz 'feedback' for '\(text)' must be non-empty text")
                continue
            }
            feedback[index] = note
        }
        return feedback
    }

    /// The template's parameters, each checked against what the template takes.
    static func templateParameters(_ yaml: YAMLBlock, template: QuizTemplate, issues: inout IssueList) -> TemplateParameters {
        var parameters = TemplateParameters()
        for key in TemplateParameters.keys {
            guard let item = yaml[key] else { continue }
            guard template.parameters.contains(key) else {
                let takes = template.parameters.isEmpty ? "takes no parameters" : "takes \(template.parameters.joined(separator: ", "))"
                issues.add(line: item.line, "template '\(template.rawValue)' has no '\(key)': it \(takes)")
                continue
            }
            let limit = TemplateParameters.largestValue
            switch key {
            case "range":
                let numbers = item.value.sequence.map { Array($0) }?.compactMap { $0.scalar != nil ? $0.float : nil } ?? []
                if numbers.count == 2, numbers.allSatisfy({ $0.isFinite && abs($0) <= limit }), numbers[0] < numbers[1] {
                    parameters.range = numbers[0]...numbers[1]
                } else {
                    issues.add(line: item.line, "template 'range' must be two numbers, the lower first, each within ±\(Int(limit)), e.g. [-3, 3]")
                }
            case "step":
                if item.value.scalar != nil, let step = item.value.float, step.isFinite, step >= 0.01, step <= limit {
                    parameters.step = step
                } else {
                    issues.add(line: item.line, "template 'step' must be a number from 0.01 to \(Int(limit)), e.g. 0.5")
                }
            case "activation":
                let names = item.value.sequence.map { $0.compactMap(\.string) } ?? item.value.string.map { [$0] } ?? []
                if !names.isEmpty, names.allSatisfy(TemplateParameters.activationNames.contains) {
                    parameters.activations = names
                } else {
                    issues.add(line: item.line, "template 'activation' must be \(TemplateParameters.activationNames.joined(separator: ", ")) or a list of them")
                }
            default:
                let rates = item.value.sequence.map { Array($0) }?.compactMap { $0.scalar != nil ? $0.float : nil }
                    ?? item.value.float.map { [$0] } ?? []
                if !rates.isEmpty, rates.allSatisfy({ $0.isFinite && $0 > 0 && $0 <= 10 }) {
                    parameters.learningRates = rates
                } else {
                    issues.add(line: item.line, "template 'learning-rate' must be a positive number up to 10, or a list of them, e.g. [0.1, 0.5]")
                }
            }
        }
        if let range = parameters.range {
            let step = parameters.step ?? 0.5
            let count = (range.upperBound - range.lowerBound) / step
            if count < 1 || count > Double(TemplateParameters.mostValues), let line = (yaml["step"] ?? yaml["range"])?.line {
                issues.add(line: line, "template 'range' and 'step' give \(Int(count) + 1) numbers: use a step that gives 2 to \(TemplateParameters.mostValues)")
            }
        } else if parameters.step != nil, let line = yaml["step"]?.line {
            issues.add(line: line, "template 'step' needs a 'range' to step through, e.g. range: [-3, 3]")
        }
        return parameters
    }
}
