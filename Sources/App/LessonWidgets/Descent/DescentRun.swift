import Foundation
import Neural

/// One optimizer walking down a `LossSurface` from a start point: its path, its losses, and whether it
/// reached the bottom or ran away.
///
/// The step is the engine's: the point (x, y) is a two-number parameter buffer, and `Optimizer.update`
/// moves it against the surface's gradient exactly as it moves a network's weights.
struct DescentRun: Sendable {
    enum Status: Equatable, Sendable {
        case running
        /// The gradient and the steps became tiny: the run sits in a minimum.
        case converged(step: Int)
        /// The point left the picture by far, or the loss overflowed: the steps grow instead of shrinking.
        case diverged(step: Int)
    }

    let kind: OptimizerKind
    let surface: LossSurface
    private var optimizer: Optimizer
    /// Every point visited, the start first.
    private(set) var path: [(x: Float, y: Float)]
    private(set) var losses: [Float]
    private(set) var status = Status.running

    init(kind: OptimizerKind, learningRate: Float, surface: LossSurface, start: (Float, Float)) {
        self.kind = kind
        self.surface = surface
        optimizer = Optimizer(kind, learningRate: learningRate)
        optimizer.prepare(tensorSizes: [2])
        path = [(start.0, start.1)]
        losses = [surface.loss(start.0, start.1)]
    }

    var position: (x: Float, y: Float) { path[path.count - 1] }
    var steps: Int { path.count - 1 }

    /// One step: the gradient at the current point, then the optimizer's update of (x, y).
    mutating func step() {
        guard status == .running else { return }
        var point = [position.x, position.y]
        let (gx, gy) = surface.gradient(point[0], point[1])
        let gradient = [gx, gy]
        optimizer.beginStep()
        point.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeBufferPointer { g in
                optimizer.update(p.baseAddress!, gradient: g.baseAddress!, count: 2, slot: 0, penalised: false)
            }
        }
        path.append((point[0], point[1]))
        let loss = surface.loss(point[0], point[1])
        losses.append(loss)
        if !loss.isFinite || abs(point[0]) > 1e4 || abs(point[1]) > 1e4 {
            status = .diverged(step: steps)
        } else {
            let stepLength = hypot(path[steps].x - path[steps - 1].x, path[steps].y - path[steps - 1].y)
            let (nx, ny) = surface.gradient(point[0], point[1])
            if hypot(nx, ny) < 1e-3 && stepLength < 1e-3 { status = .converged(step: steps) }
        }
    }

    /// Whether the recent steps keep reversing: each one overshoots the valley floor and comes back.
    var isOscillating: Bool {
        guard steps >= 6 else { return false }
        var reversals = 0
        for index in (steps - 5)...steps where index >= 2 {
            let before = (path[index - 1].x - path[index - 2].x, path[index - 1].y - path[index - 2].y)
            let after = (path[index].x - path[index - 1].x, path[index].y - path[index - 1].y)
            if before.0 * after.0 + before.1 * after.1 < 0 { reversals += 1 }
        }
        return reversals >= 4
    }

    /// Whether the loss has risen three steps running and is above where it started: every leap lands
    /// higher, long before the numbers overflow.
    var isClimbing: Bool {
        guard steps >= 3 else { return false }
        return losses[steps] > losses[steps - 1] && losses[steps - 1] > losses[steps - 2] && losses[steps] > losses[0]
    }

    /// Whether the run moves, but so little per step that reaching the bottom would take very long.
    var isCrawling: Bool {
        guard status == .running, steps >= 20 else { return false }
        let last = hypot(path[steps].x - path[steps - 1].x, path[steps].y - path[steps - 1].y)
        return last < 0.01 && losses[steps] - surface.minimumLoss > 0.01
    }

    /// One phrase on how the run goes.
    var verdict: String {
        switch status {
        case .converged(let step): return "at the bottom after \(step) steps"
        case .diverged(let step): return "diverged at step \(step): lower η"
        case .running:
            if isClimbing { return "diverging: every leap lands higher; lower η" }
            if isOscillating { return "oscillating: overshoots each step" }
            if isCrawling { return "crawling: raise η" }
            return steps == 0 ? "ready" : "step \(steps)"
        }
    }
}

extension DescentRun: Equatable {
    /// The optimizer's state follows from its kind and the path, so the path stands for it.
    static func == (lhs: DescentRun, rhs: DescentRun) -> Bool {
        lhs.kind == rhs.kind && lhs.surface == rhs.surface && lhs.status == rhs.status && lhs.losses == rhs.losses
            && lhs.path.count == rhs.path.count && zip(lhs.path, rhs.path).allSatisfy { $0.x == $1.x && $0.y == $1.y }
    }
}
