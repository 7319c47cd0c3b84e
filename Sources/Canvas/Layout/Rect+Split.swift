/// Which way `Rect.split` cuts a rect.
public enum SplitDirection: Hashable, Sendable {
    /// Side by side: cut the width into columns, left to right.
    case horizontal
    /// Stacked: cut the height into rows, top to bottom.
    case vertical
}

/// How much room one part of a split asks for.
public enum Constraint: Hashable, Sendable {
    /// Exactly `n` cells (fewer if the rect runs out).
    case fixed(Int)
    /// `p` per cent of the whole length, rounded down.
    case percent(Int)
    /// An equal share of whatever the fixed and percentage parts leave.
    case fill
}

extension Rect {
    /// Cuts the rect into one part per constraint, in order.
    ///
    /// Fixed and percentage parts are served first, in order, and the last ones shrink when the rect
    /// is too small; the room left is shared equally by the `.fill` parts, earlier ones taking any odd
    /// cell. With no `.fill` part the leftover room stays unused at the end. Every part lies inside
    /// `self`, so `split` never produces a rect a widget could overflow.
    public func split(_ direction: SplitDirection, _ constraints: [Constraint]) -> [Rect] {
        let total = direction == .horizontal ? width : height
        var lengths = [Int](repeating: 0, count: constraints.count)
        var remaining = total
        var fillCount = 0
        for (index, constraint) in constraints.enumerated() {
            switch constraint {
            case .fixed(let n):
                lengths[index] = min(max(0, n), remaining)
            case .percent(let p):
                lengths[index] = min(total * min(max(0, p), 100) / 100, remaining)
            case .fill:
                fillCount += 1
                continue
            }
            remaining -= lengths[index]
        }
        if fillCount > 0 {
            let share = remaining / fillCount
            var odd = remaining % fillCount
            for (index, constraint) in constraints.enumerated() where constraint == .fill {
                lengths[index] = share + (odd > 0 ? 1 : 0)
                if odd > 0 { odd -= 1 }
            }
        }
        var offset = direction == .horizontal ? x : y
        return lengths.map { length in
            defer { offset += length }
            switch direction {
            case .horizontal: return Rect(x: offset, y: y, width: length, height: height)
            case .vertical: return Rect(x: x, y: offset, width: width, height: length)
            }
        }
    }
}
