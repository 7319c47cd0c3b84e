import Canvas
import Curriculum
import Foundation
import Neural
import Testing
@testable import App

/// The convolution widget: its numbers against a plain six-line convolution and max-pool written here, its
/// output size against the formula, and what it draws with and without Unicode and colour.
@Suite("Convolution widget")
struct WidgetConvolutionTests {
    static func text(_ host: WidgetHost, width: Int = 76, glyphs: GlyphSet = .unicode) -> [String] {
        guard let widget = WidgetTesting.state(host, as: ConvolutionWidget.self) else { return [] }
        return widget.lines(width: width, context: WidgetContext(glyphs: glyphs, colors: .none, isFocused: true)).map { spans in
            spans.map(\.text).joined().replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }

    /// The plain reference: pad with zeros, slide, multiply and add (or take the maximum).
    static func reference(_ image: [Float], n: Int, kernel: [Float], k: Int, padding p: Int, stride s: Int, pooling: Bool) -> [Float] {
        let side = (n + 2 * p - k) / s + 1
        var result: [Float] = []
        for y in 0..<side {
            for x in 0..<side {
                var sum: Float = 0, largest = -Float.infinity
                for i in 0..<k {
                    for j in 0..<k {
                        let row = y * s + i - p, column = x * s + j - p
                        let pixel: Float = (0..<n).contains(row) && (0..<n).contains(column) ? image[row * n + column] : 0
                        sum += pixel * kernel[i * k + j]
                        largest = max(largest, pixel)
                    }
                }
                result.append(pooling ? largest : sum)
            }
        }
        return result
    }

    @Test func everySettingMatchesThePlainConvolutionAndTheFormula() throws {
        for digit in [0, 7] {
            for kernel in ["vertical", "horizontal", "blur"] {
                for size in 1...5 {
                    for padding in 0...2 {
                        for stride in 1...3 {
                            let host = WidgetTesting.host("convolution", ["digit": .integer(digit), "kernel": .text(kernel),
                                                                          "kernelSize": .integer(size), "padding": .integer(padding),
                                                                          "stride": .integer(stride)])
                            let widget = try #require(WidgetTesting.state(host, as: ConvolutionWidget.self))
                            let expected = Self.reference(widget.pixels, n: 8, kernel: widget.weights, k: size, padding: padding,
                                                          stride: stride, pooling: false)
                            #expect(widget.outputSide == (8 - size + 2 * padding) / stride + 1)
                            #expect(widget.output.count == expected.count)
                            for (a, b) in zip(widget.output, expected) { #expect(abs(a - b) < 1e-4, "\(kernel) k\(size) p\(padding) s\(stride)") }
                        }
                    }
                }
            }
        }
        for size in 1...5 {
            for stride in 1...3 {
                let host = WidgetTesting.host("convolution", ["kernelSize": .integer(size), "stride": .integer(stride), "pooling": .flag(true)])
                let widget = try #require(WidgetTesting.state(host, as: ConvolutionWidget.self))
                #expect(widget.output == Self.reference(widget.pixels, n: 8, kernel: widget.weights, k: size, padding: 0, stride: stride, pooling: true))
            }
        }
    }

    @Test func theKernelsAreTheirPatterns() {
        #expect(ConvolutionKernel.vertical.weights(size: 3) == [-1, 0, 1, -1, 0, 1, -1, 0, 1])
        #expect(ConvolutionKernel.horizontal.weights(size: 3) == [-1, -1, -1, 0, 0, 0, 1, 1, 1])
        #expect(ConvolutionKernel.vertical.weights(size: 2) == [-1, 1, -1, 1])
        #expect(ConvolutionKernel.blur.weights(size: 2) == [0.25, 0.25, 0.25, 0.25])
    }

    @Test func theFirstSevenIsTheSetsFirstSeven() throws {
        let digits = try Dataset.digits()
        let first = try #require(digits.labels.firstIndex(of: 7))
        let widget = try #require(WidgetTesting.state(WidgetTesting.host("convolution"), as: ConvolutionWidget.self))
        #expect(widget.pixels == digits.features.row(first).map { $0 * 16 }, "the file's 0–16, scaled to 0–1 by the set")
        #expect(widget.pixels.prefix(8) == [0, 0, 7, 8, 13, 16, 15, 1])
    }

    @Test func itDrawsTheFormulaTheGridsAndTheMultiplyAdds() throws {
        let lines = Self.text(WidgetTesting.host("convolution"))
        #expect(lines[0] == "kernel: vertical edges 3×3 · padding 0 · stride 1")
        #expect(lines[1] == "output size = ⌊(n − k + 2p) / s⌋ + 1 = ⌊(8 − 3 + 2·0) / 1⌋ + 1 = 6 → 6×6")
        #expect(lines[3].hasPrefix("input 8×8") && lines[3].contains("kernel") && lines[3].contains("output 6×6"))
        #expect(lines[4].hasPrefix(" 0  0  7  8 13 16 15  1"))
        #expect(lines[4].contains(" −1  0  1"))
        #expect(lines[4].hasSuffix("  14  15  11  25   3 −39"), "the output beside the input at 76 columns")
        #expect(lines.contains("output row 1, column 1 reads rows 1–3, columns 1–3"))
        #expect(lines.contains("  0·(−1) + 0·0 + 7·1"))
        #expect(lines.contains { $0.hasPrefix("= 14") })
    }

    @Test func theKeysMoveTheWindowAndChangeTheSettings() throws {
        var host = WidgetTesting.host("convolution")
        host.press(.enter)
        var widget = try #require(WidgetTesting.state(host, as: ConvolutionWidget.self))
        #expect(widget.row == 0 && widget.column == 1)
        for _ in 0..<5 { host.press(.enter) }
        widget = try #require(WidgetTesting.state(host, as: ConvolutionWidget.self))
        #expect(widget.row == 1 && widget.column == 0, "Enter wraps to the next row")
        host.press(.character("p"), .character("s"), .character("+"), .character("k"))
        widget = try #require(WidgetTesting.state(host, as: ConvolutionWidget.self))
        #expect(widget.padding == 1 && widget.stride == 2 && widget.kernelSize == 4 && widget.kernel == .horizontal)
        #expect(widget.outputSide == 4)
        #expect(widget.row < widget.outputSide && widget.column < widget.outputSide)
        host.press(.character("m"))
        widget = try #require(WidgetTesting.state(host, as: ConvolutionWidget.self))
        #expect(widget.pooling && widget.padding == 0)
        #expect(host.update(.key(.character("p"))) == [.screen(.keyNotUsed)], "pooling has no padding")
        _ = host.update(.reset)
        widget = try #require(WidgetTesting.state(host, as: ConvolutionWidget.self))
        #expect(!widget.pooling && widget.kernelSize == 3 && widget.padding == 0 && widget.stride == 1 && widget.row == 0)
    }

    @Test func inASCIIAndWithoutColourItStillShowsTheWindow() throws {
        var host = WidgetTesting.host("convolution", ["padding": .integer(1), "stride": .integer(2)])
        let ascii = host.text(width: 76, available: 40, glyphs: .ascii, colors: .none)
        let strangers = ascii.joined().unicodeScalars.filter { !$0.isASCII }
        #expect(strangers.isEmpty, "\(Set(strangers.map(String.init)))")
        let joined = Self.text(host, glyphs: .ascii).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(ascii.contains { $0.contains("= 0") }, "the sum shows inside the frame")
        #expect(joined.contains("floor((8 - 3 + 2*1) / 2) + 1 = 4 -> 4x4"))
        #expect(joined.contains("leaves 1: the window never reaches the last 1 row and column"))
        // Without colour the window and the cursor are reversed cells.
        let buffer = host.render(width: 76, height: host.height(width: 76, available: 40), glyphs: .ascii, colors: .none, isFocused: true)
        var reversed = 0
        for y in 0..<buffer.height { for x in 0..<buffer.width where buffer[x, y].style.reverse { reversed += 1 } }
        #expect(reversed == 9 * 2 + 4, "nine window cells of two columns and one output cell of four")
        host.press(.character("m"))
        let pooled = Self.text(host, glyphs: .ascii)
        #expect(pooled[0] == "max-pool 3x3, stride 2, no padding")
    }

    @Test func narrowTerminalsStackTheOutputBelow() {
        let lines = Self.text(WidgetTesting.host("convolution", ["kernelSize": .integer(1), "padding": .integer(2)]), width: 60)
        #expect(lines.allSatisfy { displayWidth(of: $0) <= 60 }, "\(lines.filter { displayWidth(of: $0) > 60 })")
        #expect(lines.contains { $0.hasPrefix("output 12×12") })
    }
}
