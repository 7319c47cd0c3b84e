import ArgumentParser
import Foundation
import Neural

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the engine's speed on the reference workloads."
    )

    func run() throws {
        let product = MatrixProductBenchmark.run(size: 256)
        print(String(format: "M   256×256×256 product   %6.1f GFLOP/s", product))
    }
}

enum MatrixProductBenchmark {
    static func run(size n: Int) -> Double {
        var random = RandomSource(seed: 1)
        let a = Matrix(rows: n, columns: n, elements: (0..<n * n).map { _ in random.uniform(-1...1) })
        let b = Matrix(rows: n, columns: n, elements: (0..<n * n).map { _ in random.uniform(-1...1) })
        var c = Matrix(rows: n, columns: n)
        for _ in 0..<10 { MatrixProduct.multiply(a, b, into: &c) }
        var best = Double.infinity
        for _ in 0..<7 {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<40 { MatrixProduct.multiply(a, b, into: &c) }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / 40)
        }
        return 2 * Double(n * n * n) / best / 1e9
    }
}
