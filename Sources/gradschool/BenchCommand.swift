import ArgumentParser

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the engine's speed on the reference workloads."
    )

    func run() throws {
        print("no benchmarks yet")
    }
}
