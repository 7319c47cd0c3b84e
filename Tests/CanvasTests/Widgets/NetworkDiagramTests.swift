import Testing
@testable import Canvas

@Suite("NetworkDiagram")
struct NetworkDiagramTests {
    @Test("ASCII: one link, its sign and strength as a glyph")
    func singleLink() {
        // Weight 1 is the largest magnitude: strongly positive, "#". Alone, −0.5 is strongly negative too.
        #expect(renderLines(NetworkDiagram(layerSizes: [1, 1], weights: [[1]]), width: 5, height: 1) == ["o###o"])
        #expect(renderLines(NetworkDiagram(layerSizes: [1, 1], weights: [[-0.5]]), width: 5, height: 1) == ["o===o"])
    }

    @Test("ASCII: the stronger link is drawn over the weaker one")
    func strongestOnTop() {
        // Neurons at rows 0 and 2 feed the one at row 1; −0.5 is half the largest magnitude ("-").
        let diagram = NetworkDiagram(layerSizes: [2, 1], weights: [[1, -0.5]])
        #expect(renderLines(diagram, width: 5, height: 3) == ["o#   ", "  ##o", "o-   "])
    }

    @Test("Unicode: a braille link coloured by the weight's sign")
    func braille() {
        let buffer = renderBuffer(NetworkDiagram(layerSizes: [1, 1], weights: [[1]]), width: 5, height: 1, glyphs: .unicode, colors: .trueColor)
        // A horizontal line through dot row 1 sets bits 0x02 and 0x10 in each cell: ⠒.
        #expect(buffer.lines == ["●⠒⠒⠒●"])
        #expect(buffer[2, 0].style.foreground == Palette.positive)
        let negative = renderBuffer(NetworkDiagram(layerSizes: [1, 1], weights: [[-3]]), width: 5, height: 1, glyphs: .unicode, colors: .trueColor)
        #expect(negative[2, 0].style.foreground == Palette.negative)
    }

    @Test("Neuron values as numbers on coloured backgrounds")
    func values() {
        let diagram = NetworkDiagram(layerSizes: [1, 1], weights: [[2]], values: [[0.5], [-1]])
        let buffer = renderBuffer(diagram, width: 13, height: 1, glyphs: .unicode, colors: .trueColor)
        #expect(buffer.lines == [" 0.5 ⠒⠒⠒ -1  "])
        #expect(buffer[1, 0].style.background == Palette.diverging(0.5))
        #expect(buffer[9, 0].style.background == Palette.diverging(-1))
        #expect(renderLines(diagram, width: 13, height: 1) == [" 0.5 ### -1  "])
    }

    @Test("Incoming weights as a tiny heatmap in each neuron")
    func incomingWeights() {
        let diagram = NetworkDiagram(layerSizes: [2, 1], weights: [[1, -1]], values: [[0.5, 0.5]], display: .incomingWeights)
        let lines = renderLines(diagram, width: 12, height: 2)
        // Inputs sit on rows 0 and 1, the receiving neuron on row 1 (the middle of two rows, rounded
        // down); its five cells sample its two inputs at ⌊cell · 2 / 5⌋: 1 1 1 −1 −1.
        #expect(lines[0].hasPrefix(" 0.5 "))
        #expect(lines[1].hasPrefix(" 0.5 "))
        #expect(lines[1].hasSuffix("###=="))
    }

    @Test("Layer names over the columns")
    func names() {
        let diagram = NetworkDiagram(layerSizes: [1, 1], layerNames: ["in", "out"])
        #expect(renderLines(diagram, width: 7, height: 3) == ["in  out", "       ", "o     o"])
    }

    @Test("A layer taller than the rect shows its first neurons and an ellipsis")
    func tallLayer() {
        let lines = renderLines(NetworkDiagram(layerSizes: [5, 1]), width: 5, height: 3)
        #expect(lines == ["o    ", "o   o", ":    "])
    }

    @Test("Eight layers of sixteen neurons fit 80×20 with every neuron shown")
    func large() {
        let sizes = [Int](repeating: 16, count: 8)
        let weights = (0..<7).map { layer in (0..<256).map { Double(($0 * 37 + layer) % 11) - 5 } }
        let lines = renderLines(NetworkDiagram(layerSizes: sizes, weights: weights), width: 80, height: 20, glyphs: .unicode, colors: .trueColor)
        #expect(lines.joined().filter { $0 == "●" }.count == 128)
        let narrow = renderLines(NetworkDiagram(layerSizes: sizes, weights: weights), width: 15, height: 20, glyphs: .unicode, colors: .trueColor)
        #expect(narrow.joined().filter { $0 == "●" }.count == 128)
    }

    @Test("NaN weights draw no link; empty networks and tiny rects draw safely")
    func special() {
        #expect(renderLines(NetworkDiagram(layerSizes: [1, 1], weights: [[.nan]]), width: 5, height: 1) == ["o   o"])
        #expect(renderLines(NetworkDiagram(layerSizes: [1, 1], weights: [[.infinity, 1]]), width: 5, height: 1) == ["o   o"])
        #expect(renderLines(NetworkDiagram(layerSizes: []), width: 3, height: 1) == ["   "])
        #expect(renderLines(NetworkDiagram(layerSizes: [1, 1], weights: [[0]]), width: 5, height: 1) == ["o   o"])
        #expect(renderLines(NetworkDiagram(layerSizes: [2, 3, 1]), width: 1, height: 1) == ["o"])
        #expect(renderLines(NetworkDiagram(layerSizes: [2, 3, 1]), width: 0, height: 0).isEmpty)
        #expect(renderLines(NetworkDiagram(layerSizes: [1], values: [[.nan]]), width: 5, height: 1) == [" NaN "])
    }
}
