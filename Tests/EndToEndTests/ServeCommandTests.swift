import Foundation
import Testing

/// `gradschool serve` as a user runs it: started on a free port, sent good and bad requests over loopback,
/// stopped with Ctrl-C (SIGINT).
@Suite("gradschool serve", .serialized)
struct ServeCommandTests {
    /// A running server and the folder it was started in.
    final class Server {
        let process: Process
        let port: Int
        let banner: String
        let output: Pipe

        init(process: Process, port: Int, banner: String, output: Pipe) {
            self.process = process
            self.port = port
            self.banner = banner
            self.output = output
        }

        /// Sends SIGINT as Ctrl-C does; returns the exit status and what it printed after the banner.
        func stop() -> (status: Int32, output: String) {
            process.interrupt()
            let rest = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: rest, as: UTF8.self))
        }
    }

    /// Trains a small iris model into `folder` and returns its file name.
    static func trainIris(in folder: TemporaryFolder) throws -> String {
        let result = try GradschoolBinary.run(["train", "--dataset", "iris", "--epochs", "60", "--test-split", "0",
                                               "--save", "iris.safetensors", "--quiet"], in: folder.url)
        #expect(result.status == 0, "\(result.error)")
        return "iris.safetensors"
    }

    /// Starts `gradschool serve model --port 0 …` and waits for the line that says where it listens.
    static func start(_ model: String, in folder: TemporaryFolder, arguments: [String] = []) throws -> Server {
        guard FileManager.default.isExecutableFile(atPath: GradschoolBinary.url.path) else { throw GradschoolBinary.NotBuilt() }
        let process = Process()
        process.executableURL = GradschoolBinary.url
        process.arguments = ["serve", model, "--port", "0"] + arguments
        process.currentDirectoryURL = folder.url
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var banner = ""
        // The banner is three lines; read until the port is known (the process ends on failure).
        while !banner.contains("Ctrl-C") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            banner += String(decoding: data, as: UTF8.self)
        }
        guard let range = banner.range(of: #"http://127\.0\.0\.1:(\d+)"#, options: .regularExpression),
              let port = Int(banner[range].split(separator: ":").last ?? "") else {
            process.terminate()
            process.waitUntilExit()
            throw LoopbackHTTP.Failure(description: "serve printed no address: \(banner)")
        }
        return Server(process: process, port: port, banner: banner, output: output)
    }

    @Test func answersGoodAndBadRequestsAndStopsOnCtrlC() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let model = try Self.trainIris(in: folder)
        let server = try Self.start(model, in: folder)
        #expect(server.banner.contains("Serving iris.safetensors (classifier of 3 classes, 4 features) on http://127.0.0.1:"))

        let health = try LoopbackHTTP.request("GET", "/health", port: server.port)
        #expect(health.status == 200)
        #expect(try jsonObject(health.body)["status"] as? String == "ok")

        // A setosa from the iris data: short, narrow petals.
        let one = try LoopbackHTTP.request("POST", "/predict", body: #"{"features": [5.1, 3.5, 1.4, 0.2]}"#, port: server.port)
        #expect(one.status == 200)
        let prediction = try jsonObject(one.body)
        #expect(prediction["class"] as? String == "setosa")
        let probabilities = try #require(prediction["probabilities"] as? [String: Double])
        #expect(Set(probabilities.keys) == ["setosa", "versicolor", "virginica"])
        #expect(abs(probabilities.values.reduce(0, +) - 1) < 1e-4)

        // A batch: a setosa and a virginica (long, wide petals).
        let batch = try LoopbackHTTP.request("POST", "/predict",
                                             body: #"{"features": [[5.1, 3.5, 1.4, 0.2], [7.7, 3.0, 6.1, 2.3]]}"#, port: server.port)
        #expect(batch.status == 200)
        let predictions = try #require(try jsonObject(batch.body)["predictions"] as? [[String: Any]])
        #expect(predictions.map { $0["class"] as? String } == ["setosa", "virginica"])

        let refusals: [(String, Int, String)] = [
            ("this is not json", 400, "not valid JSON"),
            (#"{"features": [5.1, 3.5, 1.4]}"#, 400,
             "Row 1 has 3 features but the model takes 4 (sepal_length, sepal_width, petal_length, petal_width)"),
            (#"{"features": [NaN, 3.5, 1.4, 0.2]}"#, 400, "JSON has no NaN or Infinity"),
            (#"{"features": [1e39, 3.5, 1.4, 0.2]}"#, 400, "is too large to be a finite 32-bit number"),
        ]
        for (body, status, sentence) in refusals {
            let answer = try LoopbackHTTP.request("POST", "/predict", body: body, port: server.port)
            #expect(answer.status == status, "\(body)")
            #expect((try jsonObject(answer.body)["error"] as? String)?.contains(sentence) == true, "\(answer.body)")
        }

        // 100 MB declared: refused from the length alone, before the body is read.
        let huge = try LoopbackHTTP.declaring(100 * 1024 * 1024, sending: 64 * 1024, port: server.port)
        #expect(huge.status == 413)
        #expect((try jsonObject(huge.body)["error"] as? String)?.contains("104857600 bytes") == true)
        // 2 MB without a declared length: refused once the limit is passed.
        let streamed = try LoopbackHTTP.chunked(2 * 1024 * 1024, port: server.port)
        #expect(streamed.status == 413)

        let unknown = try LoopbackHTTP.request("GET", "/models/../../etc/passwd", port: server.port)
        #expect(unknown.status == 404)
        #expect((try jsonObject(unknown.body)["error"] as? String)?.contains("POST /predict, GET /health and GET /metrics") == true)

        // Still serving after every refusal.
        let again = try LoopbackHTTP.request("POST", "/predict", body: #"{"features": [6.3, 3.3, 6.0, 2.5]}"#, port: server.port)
        #expect(again.status == 200)

        let metrics = try jsonObject(try LoopbackHTTP.request("GET", "/metrics", port: server.port).body)
        let requests = try #require(metrics["requests"] as? [String: Int])
        #expect(requests["predict"] == 9)
        #expect(requests["health"] == 1)
        #expect(requests["other"] == 1)
        #expect((metrics["errors"] as? [String: Int])?["client"] == 7)
        #expect(metrics["rows_predicted"] as? Int == 4)
        let latency = try #require(metrics["latency_ms"] as? [String: Any])
        let p50 = try #require(latency["p50"] as? Double), p99 = try #require(latency["p99"] as? Double)
        #expect(p50 > 0 && p50 <= p99)
        #expect((metrics["input_drift"] as? [String: Any])?["window"] as? Int == 4)

        let stopped = server.stop()
        #expect(stopped.status == 0)
        #expect(stopped.output.contains("Stopped after 12 requests (7 refused)."))
    }

    @Test func refusesABadPortAMissingModelAndABadModelFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let port = try GradschoolBinary.run(["serve", "m.safetensors", "--port", "70000"], in: folder.url)
        #expect(port.status == 64)
        #expect(port.error.contains("--port 70000 is not a port"))
        let missing = try GradschoolBinary.run(["serve", "none.safetensors", "--port", "0"], in: folder.url)
        #expect(missing.status == 66)
        #expect(missing.error.contains("none.safetensors"))
        try folder.write("not a model", to: "bad.safetensors")
        let bad = try GradschoolBinary.run(["serve", "bad.safetensors", "--port", "0"], in: folder.url)
        #expect(bad.status == 65)
        #expect(bad.error.contains("bad.safetensors"))
    }
}
