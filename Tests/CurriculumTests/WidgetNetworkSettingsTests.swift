import Testing
@testable import Curriculum

/// `weights`, `input` and `target` let a widget start from the page's own network, and must fit its layers.
@Suite("Widget settings that write out a network")
struct WidgetNetworkSettingsTests {
    static func parse(_ body: String, widget: String = "forward") -> (WidgetBlock?, [String]) {
        var issues = IssueList(file: "lesson.md")
        let block = WidgetParser.parse(name: widget, body: body, fenceLine: 10, issues: &issues)
        return (block, issues.issues.map(\.message))
    }

    @Test func aNetworkThatFitsItsLayersIsRead() throws {
        let (block, issues) = Self.parse("layers: [2, 2, 1]\nweights: [1, 1, -0.5, -1, -1, 1.5, 1, 1, -1.5]\ninput: [0, 1]\n")
        #expect(issues == [])
        #expect(block?.settings["weights"] == .numbers([1, 1, -0.5, -1, -1, 1.5, 1, 1, -1.5]))
        #expect(block?.settings["input"] == .numbers([0, 1]))
    }

    @Test func aListOfTheWrongLengthIsNamedWithWhatItNeeds() throws {
        // 2-2-1: 2·(2 + 1) + 1·(2 + 1) = 9 numbers, 2 inputs, 1 target.
        let (block, issues) = Self.parse("layers: [2, 2, 1]\nweights: [1, 1, -0.5]\ninput: [0, 1, 2]\ntarget: [1, 0]\n", widget: "backprop")
        #expect(block == nil)
        #expect(issues.contains("setting 'weights' of widget 'backprop' holds 3 numbers, but a 2-2-1 network needs 9 (each neuron's weights, one per input, then its bias, layer by layer)"))
        #expect(issues.contains("setting 'input' of widget 'backprop' holds 3 numbers, but a 2-2-1 network needs 2"))
        #expect(issues.contains("setting 'target' of widget 'backprop' holds 2 numbers, but a 2-2-1 network needs 1"))
    }

    @Test func numbersNeedLayersBesideThemAndMustBeNumbersInRange() throws {
        let (_, withoutLayers) = Self.parse("input: [0, 1]\n")
        #expect(withoutLayers == ["setting 'input' of widget 'forward' needs 'layers' beside it, to say how many numbers it holds"])
        let (_, outOfRange) = Self.parse("layers: [1, 1]\nweights: [20, 0]\n")
        #expect(outOfRange.count == 1 && outOfRange[0].contains("a list of 2 to 200 numbers, each from -10.0 to 10.0"))
        let (_, words) = Self.parse("layers: [1, 1]\nweights: [a, 0]\n")
        #expect(words.count == 1)
    }
}
