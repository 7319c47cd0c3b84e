/// The small expression graph of the `graph` widget: L = (x·y + x)², built from single numbers.
///
///     p = x × y        a product
///     f = p + x        a sum; x is used twice, so it reaches L along two paths
///     L = f²           the loss
///
/// Backward, every node multiplies the gradient that reaches it from above (the *upstream* gradient,
/// ∂L/∂node) by its own *local* gradient for each input, and sends the product to that input:
///
/// - a sum's local gradient is 1 for each input: **+ passes the gradient on** unchanged;
/// - a product's local gradient for one input is the other input: **× swaps** the values;
/// - a square's local gradient is 2f;
/// - an input used twice receives a gradient along each path, and **the paths add up**.
///
/// With x = 2 and y = −3: p = −6, f = −4, L = 16, and backward ∂L/∂f = −8, ∂L/∂p = −8,
/// ∂L/∂y = x·(−8) = −16, ∂L/∂x = −8 (through +) + y·(−8) = 24 (through ×) = 16. By hand,
/// L = x²(y + 1)², so ∂L/∂x = 2x(y + 1)² = 16 and ∂L/∂y = 2x²(y + 1) = −16.
struct ExpressionGraph: Equatable, Sendable {
    /// One message sent backward along one edge: local gradient × upstream gradient.
    struct Contribution: Equatable, Sendable {
        /// The node the gradient leaves (`L`, `f`, `p`) and the one it reaches.
        var from: String
        var to: String
        var local: Float
        var upstream: Float
        var product: Float { local * upstream }
    }

    /// One step of the walk backward: the node whose gradient is complete, and what it sends on.
    struct Step: Equatable, Sendable {
        var node: String
        var contributions: [Contribution]
    }

    let x: Float
    let y: Float

    var p: Float { x * y }
    var f: Float { p + x }
    var loss: Float { f * f }

    /// The walk backward, node by node from the loss: L starts it with ∂L/∂L = 1.
    var steps: [Step] {
        let dL: Float = 1
        let df = 2 * f * dL
        let dp = 1 * df
        return [
            Step(node: "L", contributions: [Contribution(from: "L", to: "f", local: 2 * f, upstream: dL)]),
            Step(node: "f", contributions: [Contribution(from: "f", to: "p", local: 1, upstream: df),
                                           Contribution(from: "f", to: "x", local: 1, upstream: df)]),
            Step(node: "p", contributions: [Contribution(from: "p", to: "x", local: y, upstream: dp),
                                           Contribution(from: "p", to: "y", local: x, upstream: dp)]),
        ]
    }

    /// What has reached `node` after the first `count` steps: one contribution per path walked so far.
    func contributions(to node: String, after count: Int) -> [Contribution] {
        steps.prefix(count).flatMap(\.contributions).filter { $0.to == node }
    }

    /// ∂L/∂`node` as far as the first `count` steps have found it (the sum of its paths so far); nil before
    /// anything has reached it. ∂L/∂L = 1 from the start of the walk.
    func gradient(of node: String, after count: Int) -> Float? {
        if node == "L" { return count >= 1 ? 1 : nil }
        let reached = contributions(to: node, after: count)
        return reached.isEmpty ? nil : reached.reduce(0) { $0 + $1.product }
    }

    /// Every node, in forward order.
    static let nodes = ["x", "y", "p", "f", "L"]
}
