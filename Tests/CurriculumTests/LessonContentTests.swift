import Foundation
import Testing
@testable import Curriculum

/// The core lessons as shipped: sound, in order, each with its widgets and at least three questions.
@Suite("The core lessons")
struct LessonContentTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lessons").path

    static let library = LessonLibrary.load(paths: [directory])

    @Test func theLessonsLoadWithoutProblemsInCourseOrder() {
        #expect(Self.library.issues == [])
        #expect(Self.library.lessons.map(\.id) == ["map", "perceptron", "forward", "activations", "backprop", "descent",
                                                   "losses", "generalisation", "regularisation", "data", "metrics", "tuning",
                                                   "cnn", "rnn", "attention", "gans", "transfer", "deploy"])
        // The map opens the course but is not required reading: the first lesson proper requires nothing.
        #expect(Self.library.lessons.prefix(2).allSatisfy { $0.requires.isEmpty })
        // Each later lesson builds on lessons before it: the one before, or (for the architectures) the one it extends.
        for (index, lesson) in Self.library.lessons.enumerated().dropFirst(2) {
            let earlier = Set(Self.library.lessons.prefix(index).map(\.id))
            #expect(!lesson.requires.isEmpty && lesson.requires.allSatisfy(earlier.contains), "\(lesson.id) requires \(lesson.requires)")
        }
    }

    @Test func eachLessonHasTheWidgetsItsIssueAsksFor() throws {
        let expected: [String: Set<String>] = [
            "perceptron": ["neuron", "perceptron", "train"],
            "forward": ["neuron", "forward", "train"],
            "activations": ["activation", "train"],
            "backprop": ["backprop", "train"],
            "descent": ["descent", "train"],
            "map": ["train"],
            "losses": ["losses", "classloss", "activation", "train"],
            "generalisation": ["fit", "train"],
            "regularisation": ["fit", "augment", "train"],
            "data": ["scaling", "split"],
            "metrics": ["threshold", "confusion"],
            "tuning": ["tuning"],
            "cnn": ["convolution", "cnn"],
            "rnn": ["names", "vanishing"],
            "attention": ["attention", "transformer", "namewriter"],
            "transfer": ["transfer"],
            "gans": ["gan"],
            "deploy": ["deploy"],
        ]
        // The five core lessons each end with a small live training run.
        let core: Set<String> = ["perceptron", "forward", "activations", "backprop", "descent"]
        for lesson in Self.library.lessons {
            let names = Set(lesson.widgets.map(\.name))
            #expect(names.isSuperset(of: expected[lesson.id] ?? []), "\(lesson.id) has \(names)")
            guard core.contains(lesson.id) else { continue }
            let lastWidget = try #require(lesson.pages.last?.blocks.compactMap { block -> WidgetBlock? in
                if case .widget(let widget) = block { widget } else { nil }
            }.last)
            // The GAN lesson's live run is its arena.
            #expect(lastWidget.name == (lesson.id == "gans" ? "gan" : "train"), "\(lesson.id) ends with \(lastWidget.name)")
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

    @Test func theMapLinksOnlyToLessonsThatExist() throws {
        let text = try String(contentsOfFile: Self.directory + "/00-map.md", encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: "\\]\\(([^)]+\\.md)\\)")
        let targets = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
        #expect(targets.count >= 8, "\(targets)")
        let files = Set(Self.library.lessons.map { ($0.file as NSString).lastPathComponent })
        for target in targets {
            #expect(files.contains(target), "00-map.md links to \(target), which is no lesson")
        }
        // Every lesson that exists is a stop on the map.
        for file in files where file != "00-map.md" {
            #expect(targets.contains(file), "the map does not link to \(file)")
        }
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
