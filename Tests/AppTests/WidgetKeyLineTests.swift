import Canvas
import Curriculum
import Testing
@testable import App

/// Every widget, focused, says how to leave it, however many keys of its own it has and however narrow
/// the page: at 80 columns a widget is drawn 76 wide.
@Suite("Widget key lines")
struct WidgetKeyLineTests {
    @Test(arguments: WidgetRegistry.entries.map(\.name))
    func aFocusedWidgetAlwaysShowsEscLeave(name: String) {
        let host = WidgetTesting.host(name)
        for (width, glyphs) in [(76, GlyphSet.unicode), (56, .unicode), (76, .ascii)] {
            let lines = host.text(width: width, glyphs: glyphs, focused: true)
            let keyLine = lines.count >= 2 ? lines[lines.count - 2] : ""
            #expect(keyLine.contains("Esc leave"), "\(name) at \(width) columns: '\(keyLine)'")
            #expect(lines.allSatisfy { displayWidth(of: $0) <= width })
        }
    }
}
