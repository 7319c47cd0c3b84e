import Canvas
import Foundation
import Neural
import Testing
@testable import App

/// What the metrics lesson says of the digits confusion widget, held by training its run here, on the
/// test's thread, exactly as the runner would, and handing the widget the snapshot.
@Suite("What the metrics lesson says of the digits confusion matrix")
struct ConfusionLessonClaimsTests {
    static func host() -> WidgetHost { WidgetTesting.host("confusion", ["epochs": .integer(30)], runName: "test:confusion") }

    /// Presses Space and returns the run the widget asked to start, checking it also asked it to play.
    static func start(_ host: inout WidgetHost) throws -> (LiveRunID, LiveTrainingSpec) {
        let effects = host.update(.key(.character(" ")))
        guard case .live(.start(let run, let spec))? = effects.first else {
            Issue.record("Space should start a run: \(effects)")
            throw CancellationError()
        }
        #expect(effects.dropFirst().first == .live(.send(run, .play)))
        return (run, spec)
    }

    /// The held-out digits, split as the lesson says: a quarter, stratified, by seed 1.
    static func heldOut() throws -> Dataset {
        try Dataset.digits().split(validationFraction: 0.25, testFraction: 0, seed: 1).validation
    }

    /// The class a network gives each digit, read off its ten outputs by hand (the largest wins).
    static func answers(_ network: Network, _ data: Dataset) -> [Int] {
        let outputs = network.predict(data.features)
        return (0..<data.count).map { row in
            var best = 0
            for column in 1..<10 where outputs[row, column] > outputs[row, best] { best = column }
            return best
        }
    }

    /// "Untrained, it gets few of them right, and its answers crowd into a few columns: one holds about a
    /// third of the digits."
    @Test func untrainedFewAreRightAndOneColumnHoldsAThird() throws {
        let widget = try #require(WidgetTesting.state(Self.host(), as: ConfusionWidget.self))
        let data = try Self.heldOut()
        #expect(data.count == 449)
        let answers = Self.answers(try #require(widget.network), data)
        let largestColumn = (0..<10).map { column in answers.filter { $0 == column }.count }.max() ?? 0
        let share = Double(largestColumn) / 449
        #expect(share > 0.28 && share < 0.4, "the fullest column holds \(largestColumn) of 449")
        let right = zip(answers, data.labels).filter { $0 == $1 }.count
        #expect(Double(right) < 0.3 * 449, "\(right) right untrained")
        #expect(widget.predictions == answers)
        let lines = Self.host().text(width: 96, available: 20)
        #expect(lines.contains { $0.contains("untrained: press Space to train") })
    }

    /// "After 30 epochs more than 90 % of the held-out digits are on [the diagonal]. Beside the table, the
    /// mistakes made most often, as true → said and how many times, each with one such digit drawn."
    @Test func afterThirtyEpochsTheDiagonalHoldsMostDigitsAndTheMistakesAreDrawn() throws {
        var host = Self.host()
        let (run, spec) = try Self.start(&host)
        var trainer = spec.makeTrainer()
        trainer.train()
        #expect(trainer.epoch == 30)
        _ = host.update(.live(LiveSnapshot(run: run, generation: 1, training: trainer.snapshot())))
        let widget = try #require(WidgetTesting.state(host, as: ConfusionWidget.self))
        let data = try Self.heldOut()
        let answers = Self.answers(trainer.network, data)
        let labels = data.labels
        let right = zip(answers, labels).filter { $0 == $1 }.count
        #expect(Double(right) > 0.9 * 449, "\(right) of 449 on the diagonal")
        // The table's cells are the hand counts.
        for actual in 0..<10 {
            for said in 0..<10 {
                let count = zip(answers, labels).filter { $0.0 == said && $0.1 == actual }.count
                #expect(widget.matrix[actual: actual, predicted: said] == count)
            }
        }
        // The mistakes: the largest off-diagonal counts, each drawn with a digit of that kind.
        var mistakes: [(actual: Int, said: Int, count: Int)] = []
        for actual in 0..<10 {
            for said in 0..<10 where said != actual {
                let count = zip(answers, labels).filter { $0.0 == said && $0.1 == actual }.count
                if count > 0 { mistakes.append((actual, said, count)) }
            }
        }
        let largest = mistakes.map(\.count).max() ?? 0
        let shown = widget.mostConfused
        #expect(shown.count == min(3, mistakes.count))
        #expect(shown.first?.count == largest)
        #expect(zip(shown, shown.dropFirst()).allSatisfy { $0.count >= $1.count })
        for mistake in shown {
            let index = try #require(labels.indices.first { labels[$0] == mistake.actual && answers[$0] == mistake.predicted })
            #expect(mistake.pixels == (0..<64).map { data.features[index, $0] })
        }
        let lines = host.text(width: 96, available: 20)
        let accuracy = String(format: "%.1f", Double(right) / 4.49)
        #expect(lines.contains { $0.contains("epoch 30   held-out accuracy \(accuracy) % of 449 digits, done") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("most confused") })
        if let first = shown.first {
            #expect(lines.contains { $0.contains("\(first.actual)→\(first.predicted) \(first.count)") })
        }
        // Row 0 of the table: the true zeros, their count on the diagonal.
        let zeros = zip(answers, labels).filter { $0.0 == 0 && $0.1 == 0 }.count
        #expect(lines.contains { $0.contains("     0 ") && $0.contains(String(zeros)) })
    }

    /// In ASCII without colour the table and the digits are drawn with ASCII only.
    @Test func theTableReadsInASCII() throws {
        let lines = Self.host().text(width: 76, available: 20, glyphs: .ascii, colors: .none)
        #expect(lines.allSatisfy { $0.allSatisfy(\.isASCII) }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("true\\sa") })
    }
}
