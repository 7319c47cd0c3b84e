import Foundation
import Testing
@testable import Curriculum

/// The five core lessons as shipped: sound, in order, each with its widgets and at least three questions.
@Suite("The core lessons")
struct LessonContentTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lessons").path

    static let library = LessonLibrary.load(paths: [directory])

    @Test func theLessonsLoadWithoutProblemsInCourseOrder() {
        #expect(Self.library.issues == [])
        #expect(Self.library.lessons.map(\.id).prefix(5) == ["perceptron", "forward", "activations", "backprop", "descent"])
        #expect(Self.library.lessons.map(\.id).contains("deploy"))
        for (index, lesson) in Self.library.lessons.prefix(5).enumerated().dropFirst() {
            #expect(lesson.requires == [Self.library.lessons[index - 1].id], "each lesson builds on the one before")
        }
    }

    @Test func eachLessonHasTheWidgetsItsIssueAsksFor() throws {
        let expected: [String: Set<String>] = [
            "perceptron": ["neuron", "perceptron", "train"],
            "forward": ["neuron", "forward", "train"],
            "activations": ["activation", "train"],
            "backprop": ["backprop", "train"],
            "descent": ["descent", "train"],
            "deploy": ["deploy"],
        ]
        for lesson in Self.library.lessons {
            let names = Set(lesson.widgets.map(\.name))
            #expect(names.isSuperset(of: expected[lesson.id] ?? []), "\(lesson.id) has \(names)")
            // Every core lesson ends with a small live training run.
            guard lesson.order <= 5 else { continue }
            let lastWidget = try #require(lesson.pages.last?.blocks.compactMap { block -> WidgetBlock? in
                if case .widget(let widget) = block { widget } else { nil }
            }.last)
            #expect(lastWidget.name == "train", "\(lesson.id) ends with \(lastWidget.name)")
        }
    }

    @Test func eachLessonAsksAtLeastThreeQuestionsOfMoreThanOneForm() {
        for lesson in Self.library.lessons {
            #expect(lesson.quizzes.count >= 3, "\(lesson.id) has \(lesson.quizzes.count) questions")
            let generated = lesson.quizzes.filter { if case .generated = $0.form { true } else { false } }
            #expect(!generated.isEmpty, "\(lesson.id) has no question with fresh numbers")
            // Quiz ids start with the lesson's id, so answers stay grouped as lessons grow.
            #expect(lesson.quizzes.allSatisfy { $0.id.hasPrefix(lesson.id) }, "\(lesson.quizzes.map(\.id))")
        }
        let templates = Set(Self.library.lessons.flatMap(\.quizzes).compactMap { quiz -> QuizTemplate? in
            if case .generated(let template) = quiz.form { template } else { nil }
        })
        #expect(templates.isSuperset(of: [.neuronOutput, .sigmoidValue, .weightGradient, .perceptronUpdate]),
                "the templates the issue names are all asked")
    }

    @Test func theStepFunctionIsDefinedAsTheEngineComputesIt() throws {
        // The engine's step is 1 for z > 0 and 0 otherwise; the lesson must say the same.
        let text = try String(contentsOfFile: Self.directory + "/01-perceptron.md", encoding: .utf8)
        #expect(text.contains("step(z) = 1   if z > 0"))
        #expect(!text.contains("z ≥ 0"))
    }

    @Test func pagesAreShortEnoughToRead() {
        // One idea per page: no page runs on for more than about three screens of text.
        for lesson in Self.library.lessons {
            for page in lesson.pages {
                let words = page.blocks.reduce(0) { count, block in
                    if case .markdown(let markdown) = block { return count + "\(markdown)".split(separator: " ").count }
                    return count
                }
                #expect(words < 1_400, "\(lesson.id): '\(page.title)' has about \(words) words")
            }
        }
    }
}
