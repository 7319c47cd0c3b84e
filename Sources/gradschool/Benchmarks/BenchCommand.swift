import ArgumentParser
import Foundation
import Neural

/// `gradschool bench`: the engine's speed on the reference workloads, in a release build.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the engine's speed on the reference workloads.",
        discussion: """
        W1     spiral, 500 points, 2-8-8-1 tanh, sigmoid output, binary cross-entropy, SGD lr 0.03, batch 10
        W2     digits, 64-64-10 ReLU, softmax output, cross-entropy, Adam lr 0.001, batch 32
        C1     digits as 1×8×8 images, conv 8 3 pad 1, relu, maxpool 2, conv 16 3 pad 1, relu, maxpool 2,
               flatten, dense 10; softmax cross-entropy, Adam lr 0.001, batch 32
        M      a 256×256×256 matrix product, beside NumPy's BLAS when python3 has numpy
        M1024  a 1024×1024×1024 matrix product, beside NumPy's BLAS
        L1     digits, 64-1024-1024-10 ReLU, softmax output, cross-entropy, Adam lr 0.001, batch 256,
               beside PyTorch on as many threads when python3 can import torch
        G1     GAN on a ring of 8 Gaussians, G 2-32-32-2 and D 2-32-32-1 ReLU, Adam lr 0.001 each, batch 128
        R1     names, 16 steps, embed 16, LSTM 64, dense 28 at every step, Adam lr 0.001, batch 32
        T1     names, 16 steps, a transformer d 32, 2 blocks 4 heads (see TransformerBenchmark), Adam, batch 32
        F      drawing a 200×60 frame: a loss chart, a decision map, a network diagram and a weight heatmap
        K      a key and the next frame in a 1 MB lesson (the largest accepted), as 400 pages and as one page
        A      the attention lesson's transformers training at 120×40 (reversing digits, writing names):
               a tick (its training steps) and its frame

        The products are measured with every kernel variant this CPU can run; the engine uses the first.
        Set GRADSCHOOL_KERNEL=plain, avx2, avx512 or neon to make every workload use another variant.
        On one thread, times are the measuring thread's CPU time (for NumPy and PyTorch too), so other
        programs running on the machine slow neither side; on more threads they are wall-clock times.

        Example: gradschool bench --seconds 2 --only m1024 --threads 2
        """
    )

    static let workloads = ["w1", "w2", "c1", "m", "m1024", "l1", "r1", "t1", "g1", "f", "k", "a"]

    @Option(help: "Seconds to spend measuring each workload.")
    var seconds: Double = 1.5

    @Option(help: "Measure only these workloads (w1, w2, c1, m, m1024, l1, r1, t1, g1, f, k, a); repeat the option for several.")
    var only: [String] = []

    @OptionGroup var lessonOptions: LessonOptions

    @Option(help: "Threads that large matrix products may share, 1 to 64 (NumPy and PyTorch get as many).")
    var threads = 1

    func validate() throws {
        guard seconds > 0, seconds <= 60 else { throw ValidationError("--seconds must be between 0 and 60, got \(seconds)") }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be between 1 and 64, got \(threads)") }
        for name in only where !Self.workloads.contains(name.lowercased()) {
            throw ValidationError("unknown workload '\(name)': choose \(Self.workloads.dropLast().joined(separator: ", ")) or \(Self.workloads.last ?? "")")
        }
    }

    private func wants(_ name: String) -> Bool { only.isEmpty || only.contains { $0.lowercased() == name } }

    func run() throws {
        try MatrixProduct.$threads.withValue(threads) { try measureAll() }
    }

    private func measureAll() throws {
        let clock = BenchClock(threads: threads)
        let selection = MatrixProduct.Variant.selection
        let build = MatrixProduct.Variant.isPortableBuild ? "portable (kernels chosen by CPUID)" : "native (kernels chosen at compile time)"
        print("gradschool bench — release build, \(build), \(threads == 1 ? "one thread" : "\(threads) threads")")
        print("CPU: \(CPUDescription.model)   vector features: \(CPUDescription.vectorFeatures.joined(separator: " "))")
        let others = MatrixProduct.Variant.supported.map(\.description).joined(separator: ", ")
        print("Kernel variant: \(selection.variant)   (this CPU can run: \(others))")
        if let problem = selection.problem { print("Note: \(problem)") }
        print("Timing: \(clock.description)")
        if wants("w1") {
            let w1 = try TrainingBenchmark.spiral(seconds: seconds, clock: clock)
            print(String(format: "W1     spiral 2-8-8-1 tanh, SGD, batch 10    %12.0f samples/s   (target ≥ 5,000,000; median window %.0f)", w1.best, w1.median))
        }
        if wants("w2") {
            let w2 = try TrainingBenchmark.digits(seconds: seconds, clock: clock)
            print(String(format: "W2     digits 64-64-10 ReLU, Adam, batch 32  %12.0f samples/s   (target ≥ 2,000,000; median window %.0f)", w2.best, w2.median))
        }
        if wants("m") { productBenchmark(size: 256, name: "M    ", target: 90, clock: clock) }
        if wants("m1024") { productBenchmark(size: 1024, name: "M1024", target: 85, clock: clock) }
        if wants("l1") {
            let l1 = try TrainingBenchmark.largeDigits(seconds: seconds * 2, clock: clock)
            var line = String(format: "L1     digits 64-1024-1024-10, Adam, batch 256 %9.0f samples/s   (median window %.0f)", l1.best, l1.median)
            switch TorchBenchmark.largeDigits(threads: threads, cpuTime: clock.isCPUTime) {
            case .measured(let torch):
                line += String(format: "   PyTorch %.0f samples/s, ratio %.2f× (target ≥ 1.00×)", torch, l1.best / torch)
            case .unavailable(let reason):
                line += "   (PyTorch: \(reason))"
            }
            print(line)
        }
        if wants("c1") {
            let c1 = try TrainingBenchmark.convolutionalDigits(seconds: seconds, clock: clock)
            print(String(format: "C1     digits 1×8×8 CNN, Adam, batch 32      %12.0f samples/s   (target ≥ 200,000; median window %.0f)", c1.best, c1.median))
        }
        if wants("g1") { try GANBenchmark.report(seconds: seconds, clock: clock) }
        if wants("r1") { try SequenceBenchmarks.report(seconds: seconds, clock: clock) }
        if wants("t1") {
            let t1 = try TransformerBenchmark.names(seconds: seconds, clock: clock)
            print(String(format: "T1     names, transformer d32 2×4 heads, batch 32 %8.0f sequences/s (target ≥ 15,000; median window %.0f)", t1.best, t1.median))
        }
        if wants("f") {
            print(String(format: "F      200×60 frame: chart, map, diagram, heatmap %8.3f ms/frame  (target ≤ 1 ms)", FrameBenchmark.run()))
        }
        if wants("k") {
            for pages in [400, 1] {
                let k = try LessonKeyBenchmark.run(pages: pages)
                print(String(format: "K      1 MB lesson, %3d page%@, key + frame 120×40 %6.2f ms mean, %6.2f ms slowest  (target ≤ 16.7 ms)",
                             k.pages, k.pages == 1 ? " " : "s", k.meanMilliseconds, k.slowestMilliseconds))
            }
        }
        if wants("a") {
            let directory = try lessonOptions.directory()
            for page in LiveWidgetBenchmark.pages {
                let a = try LiveWidgetBenchmark.run(lessons: directory, page: page, seconds: seconds)
                print(String(format: "A      %@, tick + frame 120×40 %6.2f ms mean (%4.0f frames/s), %6.2f ms slowest  (target ≥ 30 frames/s)",
                             page.name, a.meanMilliseconds, a.framesPerSecond, a.slowestMilliseconds))
            }
        }
    }

    /// Each supported kernel variant and NumPy are measured in turn, three times each, and the best of each
    /// is kept, so a busy moment on the machine does not favour any side.
    private func productBenchmark(size n: Int, name: String, target: Int, clock: BenchClock) {
        let variants = [MatrixProduct.Variant.selected] + MatrixProduct.Variant.supported.reversed().filter { $0 != .selected }
        var rates = [Double](repeating: 0, count: variants.count)
        var numpy: Double?
        let rounds = 3
        for _ in 0..<rounds {
            for (index, variant) in variants.enumerated() {
                rates[index] = max(rates[index], MatrixProductBenchmark.run(size: n, seconds: seconds / Double(rounds * variants.count),
                                                                             variant: variant, clock: clock))
            }
            if let measured = MatrixProductBenchmark.numpy(size: n, threads: threads, cpuTime: clock.isCPUTime) {
                numpy = max(numpy ?? 0, measured)
            }
        }
        let label = "\(n)×\(n)×\(n) product (\(variants[0]))"
        var line = name + "  " + label.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: "%9.1f GFLOP/s", rates[0])
        if let numpy {
            line += String(format: "   NumPy %.1f GFLOP/s, ratio %.0f %% (target ≥ %d %%)", numpy, 100 * rates[0] / numpy, target)
        } else {
            line += "   (NumPy not found: install python3 with numpy to compare)"
        }
        print(line)
        for (variant, rate) in zip(variants, rates).dropFirst() {
            var other = "         other variant: \(variant)".padding(toLength: 43, withPad: " ", startingAt: 0) + String(format: "%9.1f GFLOP/s", rate)
            if let numpy { other += String(format: "   ratio %.0f %%", 100 * rate / numpy) }
            print(other)
        }
    }
}

/// Reads the time the way the bench measures: the calling thread's CPU time on one thread, wall-clock
/// time otherwise (CPU time of one thread says nothing about work that other threads did).
struct BenchClock: CustomStringConvertible {
    let isCPUTime: Bool

    init(threads: Int) { isCPUTime = threads == 1 }

    /// Seconds since an arbitrary start.
    func now() -> Double {
        var time = timespec()
        clock_gettime(isCPUTime ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    var description: String {
        isCPUTime ? "CPU time of the measuring thread (others' programs do not count against either side)"
            : "wall-clock time (results vary with the machine's other load)"
    }
}

/// The processor's name and the vector instruction sets the kernels care about, from /proc/cpuinfo on Linux.
enum CPUDescription {
    static var model: String {
        cpuinfoValue("model name") ?? cpuinfoValue("Model") ?? "unknown processor"
    }

    static var vectorFeatures: [String] {
        #if arch(arm64)
        return ["neon"]
        #else
        guard let flags = cpuinfoValue("flags")?.split(separator: " ").map(String.init) else {
            return MatrixProduct.Variant.supported.map(\.description)
        }
        let interesting = ["sse2", "avx", "avx2", "fma", "avx512f", "avx512vl", "avx512bw", "avx512dq"]
        return interesting.filter(flags.contains)
        #endif
    }

    private static func cpuinfoValue(_ key: String) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(key) {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == key {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}

enum TrainingBenchmark {
    static func spiral(seconds: Double, clock: BenchClock) throws -> Throughput {
        let spiral = Dataset.spiral(samples: 500, noise: 0, seed: 1)
        let network = Network(sizes: [2, 8, 8, 1], activation: .tanh, outputActivation: .sigmoid, seed: 1)
        return measure(Trainer(network: network, training: Examples(spiral),
                               configuration: TrainingConfiguration(epochs: .max, batchSize: 10, loss: .binaryCrossEntropy,
                                                                    optimizer: .sgd, learningRate: 0.03)),
                       seconds: seconds, clock: clock)
    }

    static func digits(seconds: Double, clock: BenchClock) throws -> Throughput {
        try digits(sizes: [64, 64, 10], batchSize: 32, seconds: seconds, windows: 7, clock: clock)
    }

    /// L1: the digits with two hidden layers of 1024, where the products dominate.
    static func largeDigits(seconds: Double, clock: BenchClock) throws -> Throughput {
        try digits(sizes: [64, 1024, 1024, 10], batchSize: 256, seconds: seconds, windows: 3, clock: clock)
    }

    static func digits(sizes: [Int], batchSize: Int, seconds: Double, windows: Int, clock: BenchClock) throws -> Throughput {
        let (training, _, _) = try Dataset.digits().split(validationFraction: 0, testFraction: 0.2, seed: 1)
        let network = Network(sizes: sizes, activation: .relu, outputActivation: .softmax, seed: 1)
        return measure(Trainer(network: network, training: Examples(training),
                               configuration: TrainingConfiguration(epochs: .max, batchSize: batchSize, loss: .crossEntropy,
                                                                    optimizer: OptimizerKind(name: "adam")!, learningRate: 0.001)),
                       seconds: seconds, windows: windows, clock: clock)
    }

    static func convolutionalDigits(seconds: Double, clock: BenchClock) throws -> Throughput {
        let (training, _, _) = try Dataset.digits().split(validationFraction: 0, testFraction: 0.2, seed: 1)
        let description = try ArchitectureDescription(parsing: "conv 8 3 pad 1, relu, maxpool 2, conv 16 3 pad 1, relu, maxpool 2, flatten, dense 10, softmax")
        let network = try description.network(inputShape: [1, 8, 8], seed: 1)
        return measure(Trainer(network: network, training: Examples(training),
                               configuration: TrainingConfiguration(epochs: .max, batchSize: 32, loss: .crossEntropy,
                                                                    optimizer: OptimizerKind(name: "adam")!, learningRate: 0.001)),
                       seconds: seconds, clock: clock)
    }

    /// Whole epochs, after one to warm up, in several windows that together last `seconds`: training
    /// examples per second in the best window and in the median one.
    ///
    /// Other programs, and on a shared host other machines, can slow any window down but none can speed
    /// one up, so the best window is the closest to what the engine can do; the median shows how much the
    /// machine disturbed the run. The same reasoning has the matrix product keep its best time.
    static func measure(_ trainer: Trainer, seconds: Double, windows: Int = 7, clock: BenchClock) -> Throughput {
        var trainer = trainer
        trainer.trainEpoch()
        var rates: [Double] = []
        for _ in 0..<windows {
            let start = clock.now()
            var samples = 0, elapsed = 0.0
            repeat {
                trainer.trainEpoch()
                samples += trainer.training.count
                elapsed = clock.now() - start
            } while elapsed < seconds / Double(windows)
            rates.append(Double(samples) / elapsed)
        }
        rates.sort()
        return Throughput(best: rates[rates.count - 1], median: rates[rates.count / 2])
    }

    struct Throughput {
        var best: Double
        var median: Double
    }
}

enum MatrixProductBenchmark {
    /// The best of several timed batches of products, in GFLOP/s (2·n³ operations each).
    static func run(size n: Int, seconds: Double, variant: MatrixProduct.Variant, clock: BenchClock) -> Double {
        var random = RandomSource(seed: 1)
        let a = Matrix(rows: n, columns: n, elements: (0..<n * n).map { _ in random.uniform(-1...1) })
        let b = Matrix(rows: n, columns: n, elements: (0..<n * n).map { _ in random.uniform(-1...1) })
        var c = Matrix(rows: n, columns: n)
        let repeats = max(1, (1 << 26) / (n * n * n))
        for _ in 0..<repeats { MatrixProduct.multiply(a, b, into: &c, variant: variant) }
        var best = Double.infinity
        let deadline = clock.now() + seconds
        repeat {
            let start = clock.now()
            for _ in 0..<repeats { MatrixProduct.multiply(a, b, into: &c, variant: variant) }
            best = min(best, (clock.now() - start) / Double(repeats))
        } while clock.now() < deadline
        return 2 * Double(n * n * n) / best / 1e9
    }

    /// NumPy's float32 product on as many BLAS threads, measured the same way, or nil without python3 and numpy.
    static func numpy(size n: Int, threads: Int, cpuTime: Bool) -> Double? {
        let timer = cpuTime ? "time.thread_time" : "time.perf_counter"
        let repeats = max(1, (1 << 26) / (n * n * n))
        let script = """
        import time, numpy as np
        a = np.random.rand(\(n), \(n)).astype(np.float32); b = np.random.rand(\(n), \(n)).astype(np.float32)
        for _ in range(\(repeats)): a @ b
        best = 1e9
        for _ in range(5):
            t = \(timer)()
            for _ in range(\(repeats)): a @ b
            best = min(best, (\(timer)() - t) / \(repeats))
        print(2 * \(n) ** 3 / best / 1e9)
        """
        guard let output = Python.run(script, threads: threads) else { return nil }
        return Double(output)
    }
}

/// PyTorch on the L1 workload: the same network, optimizer and batch size, on data of the digits' shape.
enum TorchBenchmark {
    enum Result {
        case measured(Double)
        case unavailable(String)
    }

    static func largeDigits(threads: Int, cpuTime: Bool) -> Result {
        guard Python.run("import torch; print(torch.__version__)", threads: threads) != nil else {
            return .unavailable("python3 cannot import torch here, so no comparison")
        }
        let timer = cpuTime ? "time.thread_time" : "time.perf_counter"
        let script = """
        import time, torch
        torch.set_num_threads(\(threads)); torch.manual_seed(1)
        x = torch.rand(1437, 64); y = torch.randint(0, 10, (1437,))
        model = torch.nn.Sequential(torch.nn.Linear(64, 1024), torch.nn.ReLU(), torch.nn.Linear(1024, 1024),
                                    torch.nn.ReLU(), torch.nn.Linear(1024, 10))
        optimizer = torch.optim.Adam(model.parameters(), lr=0.001); loss = torch.nn.CrossEntropyLoss()
        def epoch():
            order = torch.randperm(1437)
            for start in range(0, 1437, 256):
                batch = order[start:start + 256]
                optimizer.zero_grad(); loss(model(x[batch]), y[batch]).backward(); optimizer.step()
        epoch()
        best = 0
        for _ in range(3):
            t = \(timer)(); epoch(); epoch(); best = max(best, 2 * 1437 / (\(timer)() - t))
        print(best)
        """
        guard let output = Python.run(script, threads: threads), let rate = Double(output) else {
            return .unavailable("torch imported but the measurement failed")
        }
        return .measured(rate)
    }
}

enum Python {
    /// Runs a python3 script with the given number of BLAS threads and returns what it printed, or nil.
    ///
    /// OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed for the script: some machines set them to work
    /// around old OpenBLAS builds, and they make a current NumPy choose a slower kernel.
    static func run(_ script: String, threads: Int) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        var environment = ProcessInfo.processInfo.environment
        for name in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"] { environment[name] = String(threads) }
        environment["OPENBLAS_CORETYPE"] = nil
        environment["OPENBLAS_L2_SIZE"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
