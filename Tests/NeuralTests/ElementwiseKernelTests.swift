import Foundation
import Testing
@testable import Neural

/// Every variant of the element-wise kernels the CPU can run, against the plain formulas computed number by
/// number in Double: e^x, tanh and σ against Foundation, the optimizer steps against PyTorch's update rules.
///
/// Each is run at every length from 0 to 40 and at 100 (whole vectors of 4, 8 and 16 floats and every tail),
/// and must leave the floats past `count` untouched. Variants this CPU cannot run are listed as skipped.
@Suite("Element-wise kernel variants")
struct ElementwiseKernelTests {
    typealias Variant = MatrixProduct.Variant

    @Test(.enabled(if: Variant.plain.isSupported, "this CPU cannot run the plain kernels"))
    func plainAgreesWithTheFormulas() { Self.checkAll(.plain) }

    @Test(.enabled(if: Variant.avx2.isSupported, "this CPU cannot run the AVX2 kernels (or this is not x86-64): NOT RUN"))
    func avx2AgreesWithTheFormulas() { Self.checkAll(.avx2) }

    @Test(.enabled(if: Variant.avx512.isSupported, "this CPU cannot run the AVX-512 kernels (or this is not x86-64): NOT RUN"))
    func avx512AgreesWithTheFormulas() { Self.checkAll(.avx512) }

    @Test(.enabled(if: Variant.neon.isSupported, "this CPU has no NEON kernels (not arm64): NOT RUN"))
    func neonAgreesWithTheFormulas() { Self.checkAll(.neon) }

    static let lengths = Array(0...40) + [100]

    static func checkAll(_ variant: Variant) {
        checkFunction(variant, name: "e^x", range: -87...88, relative: true, tolerance: 4e-7,
                      kernel: ElementwiseKernels.exp, reference: { Foundation.exp($0) })
        checkFunction(variant, name: "tanh", range: -10...10, relative: false, tolerance: 1e-6,
                      kernel: ElementwiseKernels.tanh, reference: { Foundation.tanh($0) })
        checkFunction(variant, name: "σ", range: -20...20, relative: true, tolerance: 1e-6,
                      kernel: ElementwiseKernels.sigmoid, reference: { 1 / (1 + Foundation.exp(-$0)) })
        checkReLUBackward(variant)
        checkBias(variant)
        for (l1, l2) in [(Float(0), Float(0)), (0, 0.01), (0.003, 0.01)] {
            checkSGD(variant, l1: l1, l2: l2)
            for nesterov in [false, true] { checkMomentum(variant, nesterov: nesterov, l1: l1, l2: l2) }
            checkRMSprop(variant, l1: l1, l2: l2)
            for step in [1, 2, 10] { checkAdam(variant, step: step, l1: l1, l2: l2) }
        }
    }

    /// Numbers spread over `range` (both ends included), in an order that puts every kind of value in every lane.
    static func inputs(_ count: Int, _ range: ClosedRange<Float>, seed: Int) -> [Float] {
        guard count > 1 else { return count == 1 ? [range.lowerBound] : [] }
        let span = range.upperBound - range.lowerBound
        return (0..<count).map { range.lowerBound + span * Float(($0 &* 37 &+ seed) % count) / Float(count - 1) }
    }

    static func checkFunction(_ variant: Variant, name: String, range: ClosedRange<Float>, relative: Bool, tolerance: Double,
                              kernel: (Int, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Variant) -> Void,
                              reference: (Double) -> Double) {
        var wrong: [String] = []
        for count in lengths {
            let x = inputs(count, range, seed: count)
            var y = [Float](repeating: .nan, count: count + 3)
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeMutableBufferPointer { ys in kernel(count, xs.baseAddress ?? UnsafePointer(ys.baseAddress!), ys.baseAddress!, variant) }
            }
            for index in 0..<count {
                let expected = reference(Double(x[index]))
                let error = abs(Double(y[index]) - expected) / (relative ? abs(expected) : 1)
                if !(error <= tolerance) { wrong.append("\(name)(\(x[index])) = \(y[index]), not \(expected), length \(count)") }
            }
            if !y[count...].allSatisfy(\.isNaN) { wrong.append("\(name) wrote past the end at length \(count)") }
            // In place, as the losses use it.
            var inPlace = x + [.nan]
            inPlace.withUnsafeMutableBufferPointer { buffer in kernel(count, UnsafePointer(buffer.baseAddress!), buffer.baseAddress!, variant) }
            if Array(inPlace[..<count]) != Array(y[..<count]) || !inPlace[count].isNaN { wrong.append("\(name) in place differs at length \(count)") }
        }
        #expect(wrong.isEmpty, "\(variant): \(wrong.count) wrong, first \(wrong.prefix(4))")
    }

    /// ∂L/∂a where z > 0, else exactly 0 (also at z = 0, as PyTorch takes it).
    static func checkReLUBackward(_ variant: Variant) {
        var wrong: [Int] = []
        for count in lengths {
            var z = inputs(count, -1...1, seed: 5)
            if count > 3 { z[3] = 0 }
            let g = inputs(count, -3...2, seed: 6)
            var out = [Float](repeating: .nan, count: count + 1)
            out.withUnsafeMutableBufferPointer { o in
                ElementwiseKernels.reluBackward(count, z: z, outputGradient: g, inputGradient: o.baseAddress!, variant: variant)
            }
            let right = (0..<count).allSatisfy { out[$0] == (z[$0] > 0 ? g[$0] : 0) }
            if !right || !out[count].isNaN { wrong.append(count) }
        }
        #expect(wrong.isEmpty, "\(variant) ReLU backward wrong at lengths \(wrong)")
    }

    /// A dense layer's bias forward (`Z[r, j] += b[j]`) and backward (`∂b[j] = Σᵣ G[r, j]`), against the plain
    /// loops' Float sums bit for bit, at every width from 0 to 40 (the widths that divide a vector take another path), 64, 65 and 100,
    /// and rows 0 to 9, 33 and 128. The floats past the matrix and past the sums must stay untouched.
    static func checkBias(_ variant: Variant) {
        var wrong: [String] = []
        for columns in Array(0...40) + [64, 65, 100] {
            for rows in Array(0...9) + [33, 128] {
                let count = rows * columns
                let bias = inputs(columns, -1...1, seed: columns)
                let z = inputs(count, -2...2, seed: rows)
                var added = z + [.nan]
                added.withUnsafeMutableBufferPointer { out in
                    ElementwiseKernels.addBias(rows: rows, columns: columns, bias: bias + [0], to: out.baseAddress!, variant: variant)
                }
                let addedRight = (0..<count).allSatisfy { added[$0] == z[$0] + bias[$0 % columns] }
                if !addedRight || !added[count].isNaN { wrong.append("add \(rows)×\(columns)") }
                var sums = [Float](repeating: .nan, count: columns + 1)
                (z + [0]).withUnsafeBufferPointer { g in
                    sums.withUnsafeMutableBufferPointer { out in
                        ElementwiseKernels.columnSums(rows: rows, columns: columns, of: g.baseAddress!, into: out.baseAddress!, variant: variant)
                    }
                }
                // Row by row from row 0 in Float, as the plain loop adds them: the same bits.
                let sumsRight = (0..<columns).allSatisfy { column in
                    let inOrder = (0..<rows).reduce(Float(0)) { $0 + z[$1 * columns + column] }
                    return sums[column].bitPattern == inOrder.bitPattern
                }
                if !sumsRight || !sums[columns].isNaN { wrong.append("sums \(rows)×\(columns)") }
            }
        }
        #expect(wrong.isEmpty, "\(variant) bias kernels wrong at \(wrong.prefix(8)) (\(wrong.count) shapes)")
    }

    /// g + l2·p + l1·sign(p), in Double.
    static func penalised(_ g: Float, _ p: Float, l1: Float, l2: Float) -> Double {
        Double(g) + Double(l2) * Double(p) + Double(l1) * (p > 0 ? 1 : p < 0 ? -1 : 0)
    }

    static func close(_ actual: Float, _ expected: Double) -> Bool { abs(Double(actual) - expected) <= 2e-6 * max(1, abs(expected)) }

    /// Runs one step on buffers of `count` floats plus a guard float each, and checks the guards survive.
    struct Buffers {
        var p: [Float], g: [Float], s: [Float], t: [Float]
        init(_ count: Int) {
            p = ElementwiseKernelTests.inputs(count, -2...2, seed: 1) + [.nan]
            g = ElementwiseKernelTests.inputs(count, -0.5...0.5, seed: 2) + [.nan]
            s = ElementwiseKernelTests.inputs(count, -0.2...0.2, seed: 3) + [.nan]
            t = ElementwiseKernelTests.inputs(count, 0...0.3, seed: 4) + [.nan]
            if count > 2 { p[1] = 0 } // sign(0) = 0 for the L1 penalty
        }
        var guardsIntact: Bool { p.last!.isNaN && s.last!.isNaN && t.last!.isNaN }
    }

    static func checkSGD(_ variant: Variant, l1: Float, l2: Float) {
        var wrong: [Int] = []
        for count in lengths {
            let before = Buffers(count)
            var after = before
            after.p.withUnsafeMutableBufferPointer { p in
                ElementwiseKernels.sgd(p.baseAddress!, before.g, count: count, learningRate: 0.03, l1: l1, l2: l2, variant: variant)
            }
            let right = (0..<count).allSatisfy { i in
                close(after.p[i], Double(before.p[i]) - 0.03 * penalised(before.g[i], before.p[i], l1: l1, l2: l2))
            }
            if !right || !after.guardsIntact { wrong.append(count) }
        }
        #expect(wrong.isEmpty, "\(variant) SGD l1 \(l1) l2 \(l2) wrong at lengths \(wrong)")
    }

    static func checkMomentum(_ variant: Variant, nesterov: Bool, l1: Float, l2: Float) {
        var wrong: [Int] = []
        let learningRate: Float = 0.05, momentum: Float = 0.9
        for count in lengths {
            let before = Buffers(count)
            var after = before
            after.p.withUnsafeMutableBufferPointer { p in
                after.s.withUnsafeMutableBufferPointer { v in
                    ElementwiseKernels.sgd(p.baseAddress!, before.g, velocity: v.baseAddress!, count: count, learningRate: learningRate,
                                           momentum: momentum, nesterov: nesterov, l1: l1, l2: l2, variant: variant)
                }
            }
            let right = (0..<count).allSatisfy { i in
                let g = penalised(before.g[i], before.p[i], l1: l1, l2: l2)
                let velocity = Double(momentum) * Double(before.s[i]) + g
                let p = Double(before.p[i]) - Double(learningRate) * (nesterov ? g + Double(momentum) * velocity : velocity)
                return close(after.s[i], velocity) && close(after.p[i], p)
            }
            if !right || !after.guardsIntact { wrong.append(count) }
        }
        #expect(wrong.isEmpty, "\(variant) momentum (Nesterov \(nesterov)) l1 \(l1) l2 \(l2) wrong at lengths \(wrong)")
    }

    static func checkRMSprop(_ variant: Variant, l1: Float, l2: Float) {
        var wrong: [Int] = []
        let learningRate: Float = 0.01, alpha: Float = 0.99, epsilon: Float = 1e-8
        for count in lengths {
            let before = Buffers(count)
            var after = before
            after.p.withUnsafeMutableBufferPointer { p in
                after.t.withUnsafeMutableBufferPointer { s in
                    ElementwiseKernels.rmsprop(p.baseAddress!, before.g, squareAverage: s.baseAddress!, count: count,
                                               learningRate: learningRate, alpha: alpha, epsilon: epsilon, l1: l1, l2: l2, variant: variant)
                }
            }
            let right = (0..<count).allSatisfy { i in
                let g = penalised(before.g[i], before.p[i], l1: l1, l2: l2)
                let average = Double(alpha) * Double(before.t[i]) + (1 - Double(alpha)) * g * g
                let p = Double(before.p[i]) - Double(learningRate) * g / (average.squareRoot() + Double(epsilon))
                return close(after.t[i], average) && close(after.p[i], p)
            }
            if !right || !after.guardsIntact { wrong.append(count) }
        }
        #expect(wrong.isEmpty, "\(variant) RMSprop l1 \(l1) l2 \(l2) wrong at lengths \(wrong)")
    }

    static func checkAdam(_ variant: Variant, step: Int, l1: Float, l2: Float) {
        var wrong: [Int] = []
        let learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8
        // PyTorch's bias corrections, folded in as the kernel expects.
        let stepSize = learningRate / (1 - pow(beta1, Double(step)))
        let inverseRootCorrection2 = 1 / (1 - pow(beta2, Double(step))).squareRoot()
        for count in lengths {
            let before = Buffers(count)
            var after = before
            after.p.withUnsafeMutableBufferPointer { p in
                after.s.withUnsafeMutableBufferPointer { m in
                    after.t.withUnsafeMutableBufferPointer { v in
                        ElementwiseKernels.adam(p.baseAddress!, before.g, mean: m.baseAddress!, squareMean: v.baseAddress!, count: count,
                                                stepSize: Float(stepSize), inverseRootCorrection2: Float(inverseRootCorrection2),
                                                beta1: Float(beta1), beta2: Float(beta2), epsilon: Float(epsilon), l1: l1, l2: l2,
                                                variant: variant)
                    }
                }
            }
            let right = (0..<count).allSatisfy { i in
                let g = penalised(before.g[i], before.p[i], l1: l1, l2: l2)
                let mean = beta1 * Double(before.s[i]) + (1 - beta1) * g
                let squareMean = beta2 * Double(before.t[i]) + (1 - beta2) * g * g
                let p = Double(before.p[i]) - stepSize * mean / (squareMean.squareRoot() * inverseRootCorrection2 + epsilon)
                return close(after.s[i], mean) && close(after.t[i], squareMean) && close(after.p[i], p)
            }
            if !right || !after.guardsIntact { wrong.append(count) }
        }
        #expect(wrong.isEmpty, "\(variant) Adam step \(step) l1 \(l1) l2 \(l2) wrong at lengths \(wrong)")
    }
}
