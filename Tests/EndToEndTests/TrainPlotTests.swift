import Foundation
import Testing

/// `gradschool train --plot`: pictures after training, readable in a pipe, in ASCII and on a colour terminal.
@Suite("gradschool train --plot")
struct TrainPlotTests {
    @Test func twoFeatureDataGetsCurvesAMapAndWeights() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try GradschoolBinary.run(["train", "--dataset", "circle", "--samples", "200", "--epochs", "30",
                                               "--optimizer", "adam", "--lr", "0.02", "--test-split", "0.2", "--plot"], in: folder.url)
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.components(separatedBy: "\n")
        let loss = try #require(lines.firstIndex(of: "Loss"))
        let map = try #require(lines.firstIndex { $0.hasPrefix("Decision map: x1 across, x2 up") })
        let weights = try #require(lines.firstIndex { $0.hasPrefix("First layer weights") })
        #expect(loss < map && map < weights)
        // The chart has its axis title and a legend naming both curves.
        #expect(lines[loss..<map].contains { $0.contains("epoch") })
        #expect(lines[loss..<map].contains { $0.contains("train") && $0.contains("validation") })
        // 16 rows of map; both classes' markers appear among them.
        let mapRows = lines[(map + 1)...(map + 16)].joined()
        #expect(mapRows.contains("●") && mapRows.contains("▲"))
        // Under the map: the values at its edges, and what each mark means, class by class.
        let legend = lines[(map + 17)..<weights].joined(separator: "\n")
        #expect(legend.range(of: #"x1 from -?[\d.]+ to [\d.]+ across, x2 from -?[\d.]+ to [\d.]+ up"#, options: .regularExpression) != nil, "\(legend)")
        #expect(legend.contains("● ") && legend.contains("▲ ") && legend.contains("test") && legend.contains("background: "), "\(legend)")
        // A pipe gets no control codes, and the heatmap has one row per hidden neuron of the first layer.
        #expect(!result.output.contains("\u{1B}"))
        #expect((1...8).allSatisfy { neuron in lines[weights...].contains { $0.hasPrefix("n\(neuron) ") || $0.hasPrefix("n\(neuron)") } })
    }

    @Test func manyFeaturesGetAConfusionMatrixInASCII() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try GradschoolBinary.run(["train", "--dataset", "iris", "--epochs", "40", "--optimizer", "adam", "--lr", "0.02",
                                               "--test-split", "0.3", "--plot", "--ascii"], in: folder.url)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("Confusion matrix (test set): actual down, predicted across"))
        #expect(!result.output.contains("Decision map"))
        #expect(result.output.unicodeScalars.allSatisfy { $0.isASCII }, "--ascii keeps every picture to ASCII")
        // The weights' columns are numbered and the numbers named, not cut to `sepal_l…`.
        #expect(result.output.contains("columns: 1 sepal_length  2 sepal_width  3 petal_length  4 petal_width"))
        #expect(!result.output.contains("sepal_l..."))
    }

    @Test func asciiWithoutPlotIsAUsageError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try GradschoolBinary.run(["train", "--dataset", "xor", "--ascii"], in: folder.url)
        #expect(result.status == 64)
        #expect(result.error.contains("--ascii changes how --plot draws"))
    }

    @Test(.enabled(if: GradschoolBinary.hasScript)) func colourOnATerminalUnlessNoColor() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let arguments = ["train", "--dataset", "xor", "--samples", "100", "--epochs", "5", "--plot"]
        // An empty NO_COLOR counts as unset (the test runner itself sets it).
        let coloured = try GradschoolBinary.runOnTerminal(arguments, in: folder.url,
                                                          environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "NO_COLOR": ""])
        #expect(coloured.status == 0)
        #expect(Self.hasColour(coloured.screen))
        let plain = try GradschoolBinary.runOnTerminal(arguments, in: folder.url,
                                                       environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "NO_COLOR": "1"])
        #expect(plain.status == 0)
        #expect(plain.screen.contains("Decision map"))
        #expect(!Self.hasColour(plain.screen))
    }

    /// Whether text carries a 256-colour or truecolour SGR parameter (foreground 38 or background 48).
    static func hasColour(_ text: String) -> Bool {
        text.contains("\u{1B}[") && ["38;5;", "48;5;", "38;2;", "48;2;"].contains { text.contains($0) }
    }
}
