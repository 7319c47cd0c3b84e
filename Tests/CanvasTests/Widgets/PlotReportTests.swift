import Testing
@testable import Canvas

@Suite("PlotReport")
struct PlotReportTests {
    @Test("Colour only on a colour terminal without NO_COLOR; ASCII on request or without UTF-8")
    func detection() {
        let utf8 = ["LANG": "en_US.UTF-8", "TERM": "xterm-256color"]
        #expect(PlotReport.detect(environment: utf8, isTerminal: true) == PlotReport(glyphs: .unicode, colors: .palette256))
        #expect(PlotReport.detect(environment: utf8, isTerminal: false) == PlotReport(glyphs: .unicode, colors: .none))
        #expect(PlotReport.detect(environment: utf8.merging(["NO_COLOR": "1"]) { $1 }, isTerminal: true).colors == .none)
        #expect(PlotReport.detect(environment: utf8, isTerminal: true, forceASCII: true).glyphs == .ascii)
        #expect(PlotReport.detect(environment: ["LANG": "C", "TERM": "xterm"], isTerminal: true) == PlotReport(glyphs: .ascii, colors: .ansi16))
    }

    @Test("A titled picture as plain text")
    func plainPicture() {
        let report = PlotReport(glyphs: .unicode, colors: .none)
        #expect(report.picture(Sparkline(values: [0, 8]), width: 4, height: 1, title: "loss") == "loss\n  ▁█")
        #expect(PlotReport(glyphs: .ascii, colors: .none).picture(Sparkline(values: [0, 8]), width: 4, height: 1) == "  _#")
    }

    @Test("A picture with ANSI colour")
    func colourPicture() {
        let report = PlotReport(glyphs: .unicode, colors: .ansi16)
        let text = report.picture(Sparkline(values: [0, 8], color: .rgb(255, 0, 0)), width: 2, height: 1)
        #expect(text == "\u{1B}[0;91m▁█\u{1B}[0m")
    }
}
