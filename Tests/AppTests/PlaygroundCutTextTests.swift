import Canvas
import Neural
import Testing
@testable import App

/// Readouts that must never be cut: the accuracies on the status line and the class names of a confusion matrix.
@Suite("Playground text that must stay whole")
struct PlaygroundCutTextTests {
    /// The status line's losses and accuracies, written out by hand from the engine's own evaluation.
    private static func expectedAccuracies(_ driver: PlaygroundDriver) -> String? {
        let playground = driver.playground
        guard let network = playground.network, let data = playground.data else { return nil }
        let evaluation = PlaygroundEvaluation(network: network, data: data, loss: playground.configuration.loss)
        guard let train = evaluation.trainingAccuracy, let test = evaluation.testAccuracy else { return nil }
        return "right " + String(format: "%.1f%%", train * 100) + " / " + String(format: "%.1f%%", test * 100)
    }

    @Test(arguments: [60, 66, 80])
    func theAccuraciesStayWholeWhileTrainingAtNarrowWidths(width: Int) throws {
        var driver = PlaygroundDriver(width: width, height: 24, configuration: .starting(with: "circle"), batchesPerFrame: 20)
        driver.press(.character(" "))
        for _ in 0..<12 {
            driver.frames(1)
            let status = driver.screen[driver.screen.count - 2]
            let expected = try #require(Self.expectedAccuracies(driver))
            #expect(status.contains(expected), "status line at \(width) columns: '\(status)'")
            #expect(displayWidth(of: status) <= width)
        }
    }

    @Test func theSpeedStaysWhenThereIsRoomForIt() throws {
        var driver = PlaygroundDriver(width: 120, height: 40, configuration: .starting(with: "circle"), batchesPerFrame: 20)
        driver.press(.character(" "))
        driver.frames(3)
        let status = driver.screen[driver.screen.count - 2]
        #expect(status.contains("samples/s") && status.contains("fps"))
    }

    @Test func confusionHeadingsNumberTheClassesRatherThanCutTheirNames() {
        // Iris's three classes: 25 of each, two versicolor taken for virginica.
        let actual = Array(repeating: 0, count: 25) + Array(repeating: 1, count: 25) + Array(repeating: 2, count: 25)
        var predicted = actual
        predicted[60] = 1
        predicted[61] = 1
        predicted[30] = 2
        let view = ConfusionView(predicted: predicted, actual: actual, classNames: ["setosa", "versicolor", "virginica"])
        var buffer = Buffer(width: 40, height: 6)
        view.draw(into: &buffer, area: Rect(x: 0, y: 0, width: 40, height: 6), title: "Confusion", style: TutorStyle.standard(for: .none),
                  glyphs: .unicode, colors: .none)
        let lines = buffer.lines
        #expect(!lines.joined().contains("…"), "\(lines)")
        let header = lines[1].split(separator: " ").map(String.init)
        #expect(header.suffix(3) == ["1", "2", "3"], "\(lines[1])")
        // Each row: its number and whole name, then the counts said for each predicted class.
        #expect(lines[2].split(separator: " ").map(String.init) == ["1", "setosa", "25", "0", "0"])
        #expect(lines[3].split(separator: " ").map(String.init) == ["2", "versicolor", "0", "24", "1"])
        #expect(lines[4].split(separator: " ").map(String.init) == ["3", "virginica", "0", "2", "23"])
    }

    @Test func wideConfusionTablesKeepTheNamesAsHeadings() {
        let actual = [0, 0, 1, 1, 2, 2]
        let view = ConfusionView(predicted: actual, actual: actual, classNames: ["setosa", "versicolor", "virginica"])
        var buffer = Buffer(width: 70, height: 6)
        view.draw(into: &buffer, area: Rect(x: 0, y: 0, width: 70, height: 6), title: "Confusion", style: TutorStyle.standard(for: .none),
                  glyphs: .unicode, colors: .none)
        #expect(buffer.lines[1].contains("versicolor") && buffer.lines[1].contains("virginica"))
    }

    /// At 80 columns the controls are 25 to 27 columns wide: a 10-column label, then the value, with `◂ ▸`
    /// around the selected one. Every setting's every value must show whole, selected or not.
    @Test(arguments: ["spiral", "iris", "sine"])
    func everyControlValueShowsWholeAt80Columns(dataset: String) {
        var driver = PlaygroundDriver(width: 80, height: 24, configuration: .starting(with: dataset))
        var seen = 0
        for _ in 0..<40 {
            driver.press(.down)
            guard let selected = driver.screen.first(where: { $0.hasPrefix("▸") }) else { continue }
            let control = String(selected.prefix(27))
            #expect(!control.contains("…"), "\(dataset): '\(control)'")
            seen += 1
        }
        #expect(seen >= 20)
        // Cycle the loss and the speed through their values where they are.
        for (label, key) in [("loss", Key.up), ("speed", .down)] {
            var guardCount = 0
            while !(driver.screen.first(where: { $0.hasPrefix("▸") })?.hasPrefix("▸" + label) ?? false), guardCount < 40 {
                driver.press(key)
                guardCount += 1
            }
            #expect(guardCount < 40, "\(dataset): no \(label) row")
            for key in [Key.right, .right, .right, .left, .left, .left, .left] {
                driver.press(key)
                let selected = driver.screen.first(where: { $0.hasPrefix("▸") }) ?? ""
                #expect(!String(selected.prefix(27)).contains("…"), "\(dataset): '\(selected.prefix(27))'")
            }
        }
    }
}
