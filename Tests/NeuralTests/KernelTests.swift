import Foundation
import Testing
@testable import Neural

@Suite("Kernels agree with their references")
struct KernelTests {
    static func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix {
        var random = RandomSource(seed: seed)
        return Matrix(rows: rows, columns: columns, elements: (0..<rows * columns).map { _ in random.uniform(-1...1) })
    }

    static func maxDifference(_ a: Matrix, _ b: Matrix) -> Float {
        zip(a.elements, b.elements).map { abs($0 - $1) }.max() ?? 0
    }

    @Test func transposeWritesIntoAnExistingBuffer() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        var t = Matrix(rows: 3, columns: 2)
        Transpose.write(a, into: &t)
        #expect(t == Matrix([[1, 4], [2, 5], [3, 6]]))
    }

    /// Whole 8×8 blocks go through the shuffle kernel and the edges one by one: every shape from 0×0 to
    /// 19×19, and the layer shapes of the digits network, must equal the element-by-element definition.
    @Test func transposeMatchesItsDefinitionOnEveryShape() {
        var shapes = (0...19).flatMap { rows in (0...19).map { (rows, $0) } }
        shapes += [(64, 64), (10, 64), (64, 10), (25, 64)]
        for (rows, columns) in shapes {
            let a = Self.randomMatrix(rows, columns, seed: UInt64(rows * 100 + columns))
            var t = Matrix(rows: columns, columns: rows, repeating: .nan)
            Transpose.write(a, into: &t)
            var wrong = 0
            for i in 0..<rows { for j in 0..<columns where t[j, i] != a[i, j] { wrong += 1 } }
            #expect(wrong == 0, "\(rows)×\(columns): \(wrong) elements out of place")
        }
    }

    @Test func vectorExpMatchesFoundation() {
        var worst: Float = 0
        var x: Float = -87
        while x < 88 {
            let lanes = SIMD16<Float>((0..<16).map { x + Float($0) * 0.0137 })
            let fast = VectorMath.exp(lanes)
            for lane in 0..<16 {
                let exact = Foundation.exp(Double(lanes[lane]))
                worst = max(worst, Float(abs(Double(fast[lane]) - exact) / exact))
            }
            x += 0.219
        }
        #expect(worst < 4e-7, "largest relative error \(worst)")
    }

    @Test func vectorTanhAndSigmoidMatchFoundation() {
        var worstTanh: Float = 0, worstSigmoid: Float = 0
        for step in -4000...4000 {
            let z = Float(step) * 0.005
            let lanes = SIMD16<Float>(repeating: z)
            let exactTanh = Foundation.tanh(Double(z))
            worstTanh = max(worstTanh, Float(abs(Double(VectorMath.tanh(lanes)[0]) - exactTanh) / max(abs(exactTanh), 1e-30)))
            let exactSigmoid = 1 / (1 + Foundation.exp(-Double(z)))
            worstSigmoid = max(worstSigmoid, Float(abs(Double(VectorMath.sigmoid(lanes)[0]) - exactSigmoid) / exactSigmoid))
        }
        #expect(worstTanh < 1e-6, "tanh: largest relative error \(worstTanh)")
        #expect(worstSigmoid < 1e-6, "sigmoid: largest relative error \(worstSigmoid)")
        // Far tails: saturate exactly, never NaN.
        let extremes = VectorMath.tanh(SIMD16<Float>(repeating: 1e4))
        #expect(extremes[0] == 1)
        #expect(VectorMath.sigmoid(SIMD16<Float>(repeating: -1e4))[0] == 0)
        #expect(VectorMath.sigmoid(SIMD16<Float>(repeating: 1e4))[0] == 1)
    }

    @Test func batchedActivationsMatchScalarDefinitions() {
        let values: [Float] = (0..<37).map { Float($0) * 0.37 - 6.5 }
        for activation in [Activation.sigmoid, .tanh, .relu, .leakyReLU, .step, .identity] {
            var out = [Float](repeating: .nan, count: values.count)
            values.withUnsafeBufferPointer { z in
                out.withUnsafeMutableBufferPointer { a in
                    activation.forward(z.baseAddress!, a.baseAddress!, rows: 1, columns: values.count)
                }
            }
            for (z, a) in zip(values, out) {
                #expect(abs(a - activation.value(at: z)) < 1e-6, "\(activation.name)(\(z)) = \(a)")
            }
        }
    }
}

@Suite("Optimizer lanes")
struct OptimizerLaneTests {
    @Test func reciprocalIsAccurateToFloatRounding() {
        var worst: Float = 0
        var x: Float = 1e-8
        while x < 1e8 {
            let lanes = SIMD16<Float>((0..<16).map { x * (1 + Float($0) * 0.0619) })
            let fast = Lanes.reciprocal(lanes)
            for lane in 0..<16 {
                let exact = 1 / Double(lanes[lane])
                worst = max(worst, Float(abs(Double(fast[lane]) - exact) / exact))
            }
            x *= 1.37
        }
        #expect(worst < 3e-7, "largest relative error \(worst)")
    }

    @Test func vectorAndScalarUpdatesAgree() {
        // 37 parameters: two 16-lane chunks and a 5-element tail must follow the same rule.
        for kind in OptimizerKind.all {
            var vector = Optimizer(kind, learningRate: 0.01, l1: 0.001, l2: 0.01)
            var scalar = vector
            vector.prepare(tensorSizes: [37])
            scalar.prepare(tensorSizes: Array(repeating: 1, count: 37))
            var random = RandomSource(seed: 3)
            var vectorParameters = (0..<37).map { _ in random.uniform(-1...1) }
            var scalarParameters = vectorParameters
            for _ in 0..<5 {
                let gradient = (0..<37).map { _ in random.uniform(-1...1) }
                vector.beginStep()
                scalar.beginStep()
                vectorParameters.withUnsafeMutableBufferPointer { p in
                    gradient.withUnsafeBufferPointer { vector.update(p.baseAddress!, gradient: $0.baseAddress!, count: 37, slot: 0, penalised: true) }
                }
                for index in 0..<37 {
                    scalarParameters.withUnsafeMutableBufferPointer { p in
                        gradient.withUnsafeBufferPointer {
                            scalar.update(p.baseAddress! + index, gradient: $0.baseAddress! + index, count: 1, slot: index, penalised: true)
                        }
                    }
                }
            }
            let difference = zip(vectorParameters, scalarParameters).map { abs($0 - $1) }.max()!
            #expect(difference < 1e-6, "\(kind.name): vector and scalar paths differ by \(difference)")
        }
    }
}
