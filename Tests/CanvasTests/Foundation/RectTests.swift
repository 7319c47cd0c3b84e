import Testing
@testable import Canvas

@Suite("Rect layout")
struct RectTests {
    @Test("fixed and percentage parts first, fill takes the rest")
    func mixedSplit() {
        let parts = Rect(x: 0, y: 0, width: 10, height: 5).split(.horizontal, [.fixed(3), .fill, .percent(20)])
        // 20 % of 10 is 2; 10 − 3 − 2 leaves 5 for the fill.
        #expect(parts == [
            Rect(x: 0, y: 0, width: 3, height: 5),
            Rect(x: 3, y: 0, width: 5, height: 5),
            Rect(x: 8, y: 0, width: 2, height: 5),
        ])
    }

    @Test("fills share equally, earlier ones take the odd cells")
    func fills() {
        let widths = Rect(width: 10, height: 1).split(.horizontal, [.fill, .fill, .fill]).map(\.width)
        #expect(widths == [4, 3, 3])
    }

    @Test("vertical split stacks rows from the rect's own origin")
    func vertical() {
        let parts = Rect(x: 2, y: 1, width: 4, height: 7).split(.vertical, [.fixed(1), .fill, .fixed(1)])
        #expect(parts == [
            Rect(x: 2, y: 1, width: 4, height: 1),
            Rect(x: 2, y: 2, width: 4, height: 5),
            Rect(x: 2, y: 7, width: 4, height: 1),
        ])
    }

    @Test("too little room shrinks the last parts, never below zero")
    func overflow() {
        let widths = Rect(width: 5, height: 1).split(.horizontal, [.fixed(4), .fixed(4), .fill, .percent(150)]).map(\.width)
        #expect(widths == [4, 1, 0, 0])
        let none = Rect.zero.split(.vertical, [.fixed(3), .fill])
        #expect(none.allSatisfy { $0.isEmpty })
        #expect(Rect(width: 4, height: 4).split(.horizontal, [.fixed(-3), .fill]).map(\.width) == [0, 4])
    }

    @Test("inset and centre")
    func insetAndCentre() {
        #expect(Rect(x: 2, y: 3, width: 10, height: 6).inset(by: 1) == Rect(x: 3, y: 4, width: 8, height: 4))
        #expect(Rect(x: 2, y: 3, width: 10, height: 6).inset(by: 10).isEmpty)
        #expect(Rect(width: 10, height: 5).inset(horizontal: 2, vertical: 0) == Rect(x: 2, y: 0, width: 6, height: 5))
        #expect(Rect(width: 10, height: 5).centered(width: 4, height: 2) == Rect(x: 3, y: 1, width: 4, height: 2))
        #expect(Rect(width: 3, height: 3).centered(width: 9, height: 9) == Rect(width: 3, height: 3))
        #expect(Rect(x: 0, y: 0, width: -4, height: 2).width == 0)
    }

    @Test("intersection")
    func intersection() {
        let a = Rect(x: 0, y: 0, width: 5, height: 5), b = Rect(x: 3, y: 2, width: 5, height: 5)
        #expect(a.intersection(b) == Rect(x: 3, y: 2, width: 2, height: 3))
        #expect(a.intersection(Rect(x: 9, y: 9, width: 1, height: 1)).isEmpty)
        #expect(a.contains(x: 4, y: 4))
        #expect(!a.contains(x: 5, y: 0))
    }
}
