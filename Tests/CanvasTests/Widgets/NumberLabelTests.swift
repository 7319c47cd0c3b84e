import Testing
@testable import Canvas

@Suite("Tick labels and ticks")
struct NumberLabelTests {
    @Test("compact labels", arguments: [
        (0.0, "0"), (0.25, "0.25"), (0.1, "0.1"), (0.01, "0.01"), (1, "1"), (123.456, "123"),
        (1000, "1k"), (1500, "1.5k"), (12345, "12.3k"), (999.9, "1k"), (2_500_000, "2.5M"),
        (0.001, "1e-3"), (0.00025, "2.5e-4"), (-0.5, "-0.5"), (.nan, "NaN"), (.infinity, "inf"),
        (2e18, "2e18"), (1e300, "1e300"), (1e-300, "1e-300"), (5e15, "5P"),
    ])
    func compact(value: Double, expected: String) {
        #expect(NumberLabel.compact(value) == expected)
    }

    @Test("tick labels carry the digits their step needs")
    func tickLabels() {
        #expect(NumberLabel.tick(0.25, step: 0.25) == "0.25")
        #expect(NumberLabel.tick(0.5, step: 0.25) == "0.5")
        #expect(NumberLabel.tick(1500, step: 500) == "1.5k")
        #expect(NumberLabel.tick(1.002, step: 0.001) == "1.002")
        #expect(NumberLabel.tick(1e-17, step: 0.1) == "0")
        #expect(NumberLabel.tick(0.001, step: 0.001) == "1e-3")
    }

    @Test("labels that must fit a width lose digits")
    func fitting() {
        #expect(NumberLabel.fitting(-0.4167, width: 5) == "-0.42")
        #expect(NumberLabel.fitting(0.754, width: 5) == "0.754")
        #expect(NumberLabel.fitting(-0.4167, width: 4) == "-0.4")
    }

    @Test("linear ticks fall on 1, 2, 2.5 and 5 times powers of ten")
    func linearTicks() {
        #expect(Ticks.linear(lower: 0, upper: 1, count: 5).values == [0, 0.25, 0.5, 0.75, 1])
        #expect(Ticks.linear(lower: 3, upper: 97, count: 5).values == [25, 50, 75])
        // A single tick is never enough: the step shrinks from 5 to 2.5.
        #expect(Ticks.linear(lower: 0, upper: 4, count: 2).values == [0, 2.5])
        #expect(Ticks.linear(lower: 1, upper: 1, count: 3).values.isEmpty)
        #expect(Ticks.linear(lower: 0, upper: .nan, count: 3).values.isEmpty)
    }

    @Test("logarithmic ticks are powers of ten, thinned when crowded")
    func logTicks() {
        #expect(Ticks.logarithmic(lower: 0.001, upper: 10, count: 10).values == [0.001, 0.01, 0.1, 1, 10])
        #expect(Ticks.logarithmic(lower: 1, upper: 1e6, count: 3).values == [1, 1e3, 1e6])
        #expect(Ticks.logarithmic(lower: 2, upper: 3, count: 3).values.isEmpty)
    }
}
