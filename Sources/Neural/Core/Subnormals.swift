import _VectorMath

/// Subnormal numbers, and why training switches them off.
///
/// A `Float` normally keeps 24 significant bits whatever its size, down to about 1.2e-38
/// (`Float.leastNormalMagnitude`). Below that, IEEE 754 lets numbers fade out gradually, losing bits one by
/// one until 1.4e-45: these are the *subnormal* (or *denormal*) numbers. Many processors handle them in
/// slow microcode, so one operation on a subnormal can cost a hundred times an ordinary one.
///
/// Training makes them easily. Adam keeps a running mean of each weight's gradient, m ← 0.9·m + 0.1·g. A
/// weight whose gradient is always zero — one fed by a pixel that is blank in every digit, or by a ReLU
/// that never fires — sees m shrink tenfold every 22 steps, and after about 800 steps m is subnormal. It
/// then never leaves: at four times the smallest subnormal, 0.9·m is 3.6 times it, which rounds back to
/// four. The squared mean v ← 0.999·v + 0.001·g² gets stuck the same way, near 7e-43. From then on every
/// update of those weights runs in microcode; on the 64-64-10 digits network that cut the speed of
/// training by more than half.
///
/// A value that small changes nothing a network computes: the update it leads to is below the rounding
/// of any weight. So, like TensorFlow and PyTorch's `torch.set_flush_denormal(True)`, the trainer asks the
/// processor to treat subnormals as zero while it trains, and puts the previous mode back afterwards.
/// The setting belongs to the calling thread alone, and nothing outside the block sees it.
public enum Subnormals {
    /// Runs `body` with subnormal inputs and results read as zero on this thread, then restores the
    /// thread's previous floating-point mode (also when `body` throws).
    @inline(__always)
    public static func flushedToZero<Result>(_ body: () throws -> Result) rethrows -> Result {
        let previous = gs_flush_subnormals_to_zero()
        defer { gs_restore_floating_point_mode(previous) }
        return try body()
    }

    /// Whether this thread is flushing subnormal results to zero right now.
    public static var areFlushedOnThisThread: Bool { gs_subnormals_are_flushed() != 0 }
}
