import Canvas
import Foundation

/// Draws the `split` widget: the latest split of each kind, then every split so far as a row of counts,
/// with the smallest and largest count each kind has given.
extension SplitWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int { min(available, 7) }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let style = context.style
        let expected = NumberText.trimmed(proportionalCount, decimals: 1, unicode: context.glyphs.isUnicode)
        func latest(_ counts: [Int]) -> String { "\(counts.last ?? 0) rare of \(testCount)" }
        func spread(_ counts: [Int]) -> String {
            "from \(counts.min() ?? 0) to \(counts.max() ?? 0) over \(counts.count) split\(counts.count == 1 ? "" : "s")"
        }
        func row(_ counts: [Int]) -> String { counts.map(String.init).joined(separator: " ") }
        let lines: [[Span]] = [
            [Span("test set: \(testCount) of \(exampleCount) examples; in proportion it holds ", style.secondary),
             Span(expected, style.accent), Span(" rare ones", style.secondary)],
            [],
            [Span("random      ", style.heading), Span("this split: ", style.secondary), Span(latest(randomCounts), style.accent),
             Span("   " + spread(randomCounts), style.secondary)],
            [Span("            "), Span(row(randomCounts))],
            [],
            [Span("stratified  ", style.heading), Span("this split: ", style.secondary), Span(latest(stratifiedCounts), style.accent),
             Span("   " + spread(stratifiedCounts), style.secondary)],
            [Span("            "), Span(row(stratifiedCounts))],
        ]
        buffer.put(lines, in: area)
    }
}
