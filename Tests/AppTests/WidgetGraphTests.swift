import Canvas
import Curriculum
import Foundation
import Testing
@testable import App

/// The expression-graph widget, read line by line as the learner sees it. Every gradient is worked out by
/// hand from L = (x·y + x)² = x²(y + 1)² and checked against a finite difference.
@Suite("Expression graph widget")
struct WidgetGraphTests {
    /// The widget's lines at `width` columns as plain text, trailing blanks removed.
    static func text(_ host: WidgetHost, width: Int = 72, glyphs: GlyphSet = .unicode) -> [String] {
        guard let widget = WidgetTesting.state(host, as: GraphWidget.self) else { return [] }
        return widget.lines(width: width, context: WidgetContext(glyphs: glyphs, colors: .none, isFocused: true)).map { spans in
            spans.map(\.text).joined().replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }

    /// L for the graph's x and y, in Double, for finite differences.
    static func loss(_ x: Double, _ y: Double) -> Double { (x * y + x) * (x * y + x) }

    @Test func theGradientsAreTheChainRulesAndAFiniteDifferencesAgrees() {
        let graph = ExpressionGraph(x: 2, y: -3)
        #expect(graph.p == -6 && graph.f == -4 && graph.loss == 16)
        let all = graph.steps.count
        #expect(all == 3)
        #expect(graph.gradient(of: "f", after: all) == -8)
        #expect(graph.gradient(of: "p", after: all) == -8)
        #expect(graph.gradient(of: "y", after: all) == -16)
        #expect(graph.gradient(of: "x", after: all) == 16)
        // Finite differences, ε = 1e-4, in Double.
        let e = 1e-4
        #expect(abs((Self.loss(2 + e, -3) - Self.loss(2 - e, -3)) / (2 * e) - 16) < 1e-6)
        #expect(abs((Self.loss(2, -3 + e) - Self.loss(2, -3 - e)) / (2 * e) - -16) < 1e-6)
        // Other numbers, against 2x(y + 1)² and 2x²(y + 1).
        for (x, y) in [(Float(1.5), Float(0.5)), (-1, 2), (0.5, -1)] {
            let other = ExpressionGraph(x: x, y: y)
            #expect(abs(other.gradient(of: "x", after: 3)! - 2 * x * (y + 1) * (y + 1)) < 1e-5)
            #expect(abs(other.gradient(of: "y", after: 3)! - 2 * x * x * (y + 1)) < 1e-5)
        }
    }

    @Test func theForwardPassComesFirstWithNoGradientYet() throws {
        let host = WidgetTesting.host("graph")
        let lines = Self.text(host)
        #expect(lines[0] == "x ─┬──────────▶ × ── p ──▶ + ── f ──▶ ² ── L")
        #expect(lines[1] == "   │   y ───────┘          ▲")
        #expect(lines[2] == "   └───────────────────────┘")
        #expect(lines[3] == "node       forward       backward: ∂L/∂node = local × upstream")
        #expect(lines[4] == "x          2")
        #expect(lines[5] == "y          −3")
        #expect(lines[6] == "p = x×y    2×(−3) = −6")
        #expect(lines[7] == "f = p + x  −6 + 2 = −4")
        #expect(lines[8] == "L = f²     (−4)² = 16")
        #expect(lines[9] == "")
        #expect(lines[10].hasPrefix("Forward: each node's value"))
    }

    @Test func eachEnterFinishesOneNodeFromTheLossDown() throws {
        var host = WidgetTesting.host("graph")
        host.press(.enter)
        var lines = Self.text(host)
        #expect(lines[8] == "L = f²     (−4)² = 16    1 (where the walk starts)")
        #expect(lines[7] == "f = p + x  −6 + 2 = −4   (−8)×1 = −8")
        #expect(lines[6] == "p = x×y    2×(−3) = −6")
        host.press(.enter)
        lines = Self.text(host)
        // + passes it on: p and x both get 1 × (−8); x has one path so far.
        #expect(lines[6] == "p = x×y    2×(−3) = −6   1×(−8) = −8")
        #expect(lines[4] == "x          2             1×(−8) = −8  (one path so far)")
        #expect(lines[5] == "y          −3")
        host.press(.enter)
        lines = Self.text(host)
        // × swaps: x gets y × upstream, y gets x × upstream; x's two paths add up.
        #expect(lines[4] == "x          2             1×(−8) + (−3)×(−8) = 16  (two paths add up)")
        #expect(lines[5] == "y          −3            2×(−8) = −16")
        let rest = lines[10...].joined(separator: " ")
        #expect(rest.contains("x gets (−3)×(−8) = 24, y gets 2×(−8) = −16"))
        #expect(rest.contains("its two paths add up: −8 + 24 = 16"))
        #expect(rest.contains("∂L/∂x = 2x(y + 1)² = 16 and ∂L/∂y = 2x²(y + 1) = −16"))
        #expect(rest.contains("∂L/∂W = δ·aᵀ and ∂L/∂a = Wᵀ·δ"))
        // One more Enter changes nothing; Backspace walks back.
        host.press(.enter, .backspace)
        #expect(Self.text(host)[5] == "y          −3")
    }

    @Test func theWholeWalkFitsItsFrameAt80Columns() throws {
        var host = WidgetTesting.host("graph")
        host.press(.enter, .enter, .enter)
        let framed = host.text(width: 76, available: 30)
        let widget = try #require(WidgetTesting.state(host, as: GraphWidget.self))
        let inside = framed.dropFirst().dropLast(2).map { String($0.dropFirst(2).dropLast(2)).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
        #expect(Array(inside) == Self.text(host, width: 72), "every line shows whole, none cut: \(framed.joined(separator: "\n"))")
        #expect(widget.isFinished)
    }

    @Test func withoutUnicodeTheGraphIsDrawnInASCII() throws {
        var host = WidgetTesting.host("graph")
        host.press(.enter, .enter, .enter)
        let lines = Self.text(host, glyphs: .ascii)
        for line in lines {
            let ascii = line.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(ascii, "\(line)")
        }
        #expect(lines[0] == "x -+----------> * -- p --> + -- f --> ^2 -- L")
        #expect(lines[4] == "x          2             1*(-8) + (-3)*(-8) = 16  (two paths add up)")
    }
}
