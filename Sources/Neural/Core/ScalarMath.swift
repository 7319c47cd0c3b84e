import Foundation

// Foundation's correctly rounded scalar functions, under names that do not collide with the
// activations' own `exp`, `tanh` and `log` members.
@inlinable @inline(__always) func _exp(_ x: Float) -> Float { Foundation.exp(x) }
@inlinable @inline(__always) func _tanh(_ x: Float) -> Float { Foundation.tanh(x) }
@inlinable @inline(__always) func _log(_ x: Float) -> Float { Foundation.log(x) }
@inlinable @inline(__always) func _log1p(_ x: Float) -> Float { Foundation.log1p(x) }
