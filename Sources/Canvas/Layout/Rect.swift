/// A rectangle of cells: the area a widget draws into.
///
/// `x` grows to the right and `y` downwards from the buffer's top-left corner. Width and height are
/// never negative: the initialiser clamps them to zero, so every layout computation yields a valid rect.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// A rect at the origin.
    public init(width: Int, height: Int) {
        self.init(x: 0, y: 0, width: width, height: height)
    }

    /// The empty rect at the origin.
    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    /// The column just right of the rect.
    public var right: Int { x + width }
    /// The row just below the rect.
    public var bottom: Int { y + height }
    /// Whether the rect holds no cell at all.
    public var isEmpty: Bool { width == 0 || height == 0 }
    public var area: Int { width * height }

    public var description: String { "Rect(x: \(x), y: \(y), width: \(width), height: \(height))" }

    /// Whether the cell at (`column`, `row`) lies inside.
    public func contains(x column: Int, y row: Int) -> Bool {
        column >= x && column < right && row >= y && row < bottom
    }

    /// The cells both rects share (empty, anchored inside `self`, when they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let rightEdge = min(right, other.right), bottomEdge = min(bottom, other.bottom)
        if rightEdge <= left || bottomEdge <= top {
            return Rect(x: min(max(left, x), right), y: min(max(top, y), bottom), width: 0, height: 0)
        }
        return Rect(x: left, y: top, width: rightEdge - left, height: bottomEdge - top)
    }

    /// The rect shrunk by `margin` cells on every side.
    public func inset(by margin: Int) -> Rect {
        inset(top: margin, left: margin, bottom: margin, right: margin)
    }

    /// The rect shrunk by `horizontal` cells left and right and `vertical` cells top and bottom.
    public func inset(horizontal: Int, vertical: Int) -> Rect {
        inset(top: vertical, left: horizontal, bottom: vertical, right: horizontal)
    }

    /// The rect shrunk on each side; a margin larger than the rect leaves an empty rect inside it.
    public func inset(top: Int, left: Int, bottom: Int, right: Int) -> Rect {
        let top = max(0, top), left = max(0, left), bottom = max(0, bottom), right = max(0, right)
        let newWidth = max(0, width - left - right)
        let newHeight = max(0, height - top - bottom)
        return Rect(x: x + min(left, width), y: y + min(top, height), width: newWidth, height: newHeight)
    }

    /// A rect of the given size centred inside this one, shrunk to fit when it is larger.
    /// An odd leftover cell goes to the right and bottom.
    public func centered(width innerWidth: Int, height innerHeight: Int) -> Rect {
        let w = min(max(0, innerWidth), width)
        let h = min(max(0, innerHeight), height)
        return Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
    }
}
