import ArgumentParser
import Foundation
import Neural
import PredictionService
import Serving

/// `gradschool serve MODEL`: answers prediction requests for a saved model over HTTP until Ctrl-C.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer prediction requests for a saved model over HTTP.",
        discussion: """
        Routes: POST /predict takes {"features": [...]} for one example or {"features": [[...], [...]]} for \
        several and answers with the outputs, and for a classifier the class and every class's probability. \
        GET /health says the server is up and what the model takes; GET /metrics counts requests and \
        refusals, gives latency percentiles in milliseconds and the drift of recent inputs from the training \
        data (for models saved with standard feature scaling).

        Example:
          gradschool train --dataset iris --epochs 200 --save iris.safetensors
          gradschool serve iris.safetensors --port 8080
          curl -s localhost:8080/predict -d '{"features": [5.1, 3.5, 1.4, 0.2]}'

        The server listens on 127.0.0.1 (this machine only) unless --host says otherwise. A body larger \
        than --max-body bytes is refused with 413, any other bad request with 400 and a sentence; neither \
        stops the server. Ctrl-C stops it after the requests in flight are answered.

        Exit status: 0 stopped, 64 bad usage, 65 bad model file, 66 missing model file, 69 cannot listen.
        """
    )

    @Argument(help: ArgumentHelp("The model file to serve, saved with gradschool train --save.", valueName: "model.safetensors"))
    var model: String

    @Option(help: ArgumentHelp("The address to listen on: 127.0.0.1 answers this machine only; 0.0.0.0 answers every network the machine is on.",
                               valueName: "address"))
    var host = "127.0.0.1"

    @Option(parsing: .unconditional, help: ArgumentHelp("The port to listen on; 0 lets the system choose a free one.", valueName: "n"))
    var port = 8080

    @Option(name: .customLong("max-body"), parsing: .unconditional,
            help: ArgumentHelp("The largest request body read, in bytes (default 1048576, 1 MiB).", valueName: "bytes"))
    var maxBody = PredictionService.defaultBodyLimit

    mutating func run() async throws {
        do {
            try await serve()
        } catch {
            let usage = if case .usage = error { "\n  See 'gradschool serve --help' for more information." } else { "" }
            StandardError.write("Error: \(error.description)\(usage)\n")
            throw ExitCode(error.exitStatus)
        }
    }

    private func serve() async throws(ServeError) {
        guard (0...65_535).contains(port) else {
            throw .usage("--port \(port) is not a port: give a number from 1 to 65535, or 0 to let the system choose a free one")
        }
        guard maxBody >= 64 else {
            throw .usage("--max-body \(maxBody) is too small to hold even one row: give at least 64 bytes, such as 1048576")
        }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw .usage("--host '\(host)' is not an address: give one such as 127.0.0.1 or 0.0.0.0")
        }
        let saved = try ModelLoading.read(model)
        let service = PredictionService(model: saved, bodyLimit: maxBody)
        let server = PredictionServer(service: service, host: host, port: port)
        let name = URL(fileURLWithPath: model).lastPathComponent
        let loopback = host == "127.0.0.1" || host == "localhost" || host == "::1"
        // A typical example: the training means, when the file keeps them.
        let example = if let scaler = saved.scaler, scaler.kind == .standardization, scaler.columnCount <= 8 {
            "{\"features\": [" + scaler.offsets.map { String(format: "%.1f", $0) }.joined(separator: ", ") + "]}"
        } else {
            PredictionRequest.example(featureCount: service.featureCount)
        }
        do {
            try await server.run { host, port in
                var lines = ["Serving \(name) (\(Self.kind(of: service)), \(service.featureCount) features) on http://\(host):\(port)",
                             "  POST /predict   GET /health   GET /metrics     Ctrl-C stops",
                             "  try: curl -s http://\(host):\(port)/predict -d '\(example)'"]
                if !loopback {
                    lines.append("  --host \(host) answers other machines too: anyone who can reach this one can send requests")
                }
                StandardOutput.write(lines.joined(separator: "\n") + "\n")
            }
        } catch {
            throw .cannotListen("could not listen on \(host):\(port) (\(error)): choose another --port, or --port 0 for a free one")
        }
        let snapshot = service.metrics.snapshot()
        StandardOutput.write("Stopped after \(snapshot.totalRequests) requests (\(snapshot.clientErrors) refused).\n")
    }

    static func kind(of service: PredictionService) -> String {
        switch service.reading {
        case .classes(let names): "classifier of \(names.count) classes"
        case .twoClasses: "classifier of 2 classes"
        case .numbers: "regression"
        }
    }
}

/// Unbuffered writes to the standard streams, so a reader of a pipe sees each line at once.
enum StandardOutput {
    static func write(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
}

enum StandardError {
    static func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
