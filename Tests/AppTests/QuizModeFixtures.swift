import Curriculum
import Foundation
@testable import App

/// Lessons with one question of every kind, for the quiz mode tests.
enum QuizModeFixtures {
    static let neurons = """
    ---
    id: neurons
    title: Neurons
    summary: What one neuron computes.
    order: 1
    ---
    ## Sums

    A neuron adds its weighted inputs and a bias.

    ```quiz
    id: sum-pick
    question: What does a neuron add to its weighted inputs?
    choices:
      - Its bias
      - Its output
    answer: 1
    explanation: The bias is added to the weighted sum.
    ```

    ```quiz
    id: sum-number
    question: With weights 0.5 and 1, inputs 1 and 1, and bias 0, what is z?
    answer: 1.5
    tolerance: 0.01
    explanation: z = 0.5·1 + 1·1 + 0 = 1.5.
    ```

    ## Activations

    Activations bend the sum.

    ```quiz
    id: activations-all
    question: Which of these are activation functions?
    choices: [sigmoid, Adam, ReLU]
    answer: [1, 3]
    explanation: Adam is an optimizer, not an activation.
    ```

    ```quiz
    id: step-flat
    question: The step function's slope is zero wherever it exists.
    answer: true
    explanation: It is flat on both sides of zero.
    ```

    ```quiz
    id: sigmoid-drill
    template: sigmoid-value
    ```
    """

    static let later = """
    ---
    id: later
    title: Later on
    summary: Read after the first.
    order: 2
    ---
    ## Only page

    ```quiz
    id: later-question
    question: Is this the later lesson?
    choices: [yes, no]
    answer: 1
    explanation: It is.
    ```
    """

    static let library = LessonLibrary.build(sources: [("neurons.md", neurons), ("later.md", later)])

    /// 2024-03-10 09:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_710_061_200)
    static let day: TimeInterval = 86_400

    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// Progress of a learner who has read the first page of `neurons`.
    static var openedNeurons: LearnerProgress {
        var progress = LearnerProgress()
        progress["neurons"].markRead(page: 0, of: 2, at: start.addingTimeInterval(-3600))
        return progress
    }

    /// A tutor at `start` with `progress`, its quiz open (UTC days, a fixed seed).
    static func quizTutor(progress: LearnerProgress = openedNeurons, options: QuizOptions = QuizOptions(),
                          width: Int = 80, height: Int = 24) -> (tutor: Tutor, effects: [Effect]) {
        var tutor = Tutor(library: library, progress: progress, width: width, height: height, colors: .palette256, glyphs: .unicode)
        tutor.now = start
        let effects = tutor.openQuiz(options, calendar: utc, seed: 7)
        return (tutor, effects)
    }
}

extension Tutor {
    /// The quiz on screen; fails the test when another screen is shown.
    var quiz: QuizScreen? {
        if case .quiz(let quiz) = screen { quiz } else { nil }
    }

    /// Types `text` one character at a time.
    @discardableResult
    mutating func type(_ text: String) -> [Effect] {
        text.flatMap { update(.key(.character($0))) }
    }

    /// The screen's rows with their margins trimmed, joined by spaces, so wrapped sentences read whole.
    var paragraphText: String {
        screenLines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Lets `seconds` pass on the tutor's clock.
    mutating func wait(_ seconds: TimeInterval) {
        now = now.addingTimeInterval(seconds)
    }
}
