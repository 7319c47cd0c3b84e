/// A made-up loss over two weights (x, y), small enough to draw whole: the landscape gradient descent
/// walks on in the `descent` widget.
///
/// Real losses have millions of weights; these three shapes show, in two, what makes descent easy or
/// hard. Each gives its value and its gradient (the two partial derivatives) in closed form.
enum LossSurface: String, CaseIterable, Sendable {
    /// L = x² + y²: a round bowl with its minimum at (0, 0).
    case bowl
    /// L = 0.1·x² + 2·y²: a long, narrow valley, steep across and nearly flat along.
    case ravine
    /// L = x² + y⁴/4 − y²/2: a saddle at (0, 0) between two minima at (0, ±1).
    case saddle

    /// The square of the plane shown and walked on.
    static let range: ClosedRange<Float> = -3...3

    func loss(_ x: Float, _ y: Float) -> Float {
        switch self {
        case .bowl: x * x + y * y
        case .ravine: 0.1 * x * x + 2 * y * y
        case .saddle: x * x + y * y * y * y / 4 - y * y / 2
        }
    }

    /// (∂L/∂x, ∂L/∂y).
    func gradient(_ x: Float, _ y: Float) -> (Float, Float) {
        switch self {
        case .bowl: (2 * x, 2 * y)
        case .ravine: (0.2 * x, 4 * y)
        case .saddle: (2 * x, y * y * y - y)
        }
    }

    /// The lowest loss on the surface.
    var minimumLoss: Float { self == .saddle ? -0.25 : 0 }

    /// Where a run starts unless the learner moves the start.
    var start: (Float, Float) {
        switch self {
        // The lesson's worked example starts at w = 2; y = 1 beside it shows the walk heads straight in.
        case .bowl: (2, 1)
        case .ravine: (-2.8, 1.4)
        case .saddle: (2.5, 0.05)
        }
    }

    /// What the shape teaches, in one line.
    var summary: String {
        switch self {
        case .bowl: "bowl: L = x² + y²"
        case .ravine: "ravine: L = 0.1x² + 2y²"
        case .saddle: "saddle: L = x² + y⁴/4 − y²/2"
        }
    }
}
