import Foundation
import Neural
import PredictionService
import Testing

@Suite struct PredictionServiceTests {
    @Test func oneExampleGetsTheSoftmaxOfItsLogitsAndTheLargestClass() throws {
        let service = try ServiceFixtures.service()
        // Raw (3, 6) scales to ((3 − 1)/2, (6 − 2)/4) = (1, 1): logits (1, 2, 0).
        let response = service.predict(body: ServiceFixtures.bytes(#"{"features": [3, 6]}"#))
        #expect(response.status == 200)
        let json = ServiceFixtures.object(response)
        let expected = ServiceFixtures.softmax([1, 2, 0])
        let outputs = try #require(json["outputs"] as? [Double])
        #expect(outputs.count == 3)
        for (output, value) in zip(outputs, expected) { #expect(abs(output - value) < 1e-5) }
        #expect(json["class"] as? String == "b")
        #expect(json["class_index"] as? Int == 1)
        let probabilities = try #require(json["probabilities"] as? [String: Double])
        #expect(abs((probabilities["a"] ?? 0) - expected[0]) < 1e-5)
        #expect(abs((probabilities["c"] ?? 0) - expected[2]) < 1e-5)
        // Keys come in the model's class order.
        #expect(response.body.range(of: "\"a\"")!.lowerBound < response.body.range(of: "\"c\"")!.lowerBound)
    }

    @Test func aBatchGetsOnePredictionPerRowInOrder() throws {
        let service = try ServiceFixtures.service()
        // (5, 2) scales to (2, 0): logits (2, 1, 0), class a. (1, 2) scales to (0, 0): logits (0, 1, 0), class b.
        let response = service.predict(body: ServiceFixtures.bytes(#"{"features": [[5, 2], [1, 2]]}"#))
        #expect(response.status == 200)
        let predictions = try #require(ServiceFixtures.object(response)["predictions"] as? [[String: Any]])
        #expect(predictions.count == 2)
        #expect(predictions[0]["class"] as? String == "a")
        #expect(predictions[1]["class"] as? String == "b")
        let second = try #require(predictions[1]["outputs"] as? [Double])
        for (output, value) in zip(second, ServiceFixtures.softmax([0, 1, 0])) { #expect(abs(output - value) < 1e-5) }
        #expect(response.rows == [[5, 2], [1, 2]])
    }

    @Test(arguments: [
        (#"{"features": [1, 2"#, 400, "not valid JSON"),
        (#"{"features": [NaN, 2]}"#, 400, "JSON has no NaN or Infinity"),
        ("   ", 400, "The request body is empty"),
        (#"{"inputs": [1, 2]}"#, 400, "no \"features\" key"),
        (#"[1, 2]"#, 400, "no \"features\" key"),
        (#"{"features": "1, 2"}"#, 400, "\"features\" is the text \"1, 2\""),
        (#"{"features": []}"#, 400, "\"features\" is an empty list"),
        (#"{"features": [1, 2, 3]}"#, 400, "Row 1 has 3 features but the model takes 2 (x, y)"),
        (#"{"features": [[1, 2], [1]]}"#, 400, "Row 2 has 1 feature but the model takes 2 (x, y)"),
        (#"{"features": [1, "two"]}"#, 400, "Feature 2 (y) of row 1 is the text \"two\", not a number"),
        (#"{"features": [true, 2]}"#, 400, "Feature 1 (x) of row 1 is a true/false value, not a number"),
        (#"{"features": [null, 2]}"#, 400, "Feature 1 (x) of row 1 is null, not a number"),
        (#"{"features": [1e39, 2]}"#, 400, "Feature 1 (x) of row 1 is too large to be a finite 32-bit number"),
        (#"{"features": [[1, 2], 3]}"#, 400, "row 2 is a number"),
    ])
    func aBadBodyIsRefusedWithASentence(body: String, status: Int, sentence: String) throws {
        let service = try ServiceFixtures.service()
        let response = service.predict(body: ServiceFixtures.bytes(body))
        #expect(response.status == status)
        let error = try #require(ServiceFixtures.object(response)["error"] as? String)
        #expect(error.contains(sentence), "\(error)")
        #expect(response.rows.isEmpty)
    }

    @Test func aBodyOverTheLimitIsRefusedWith413() throws {
        let service = try ServiceFixtures.service(bodyLimit: 100)
        let body = #"{"features": [1, 2]}"# + String(repeating: " ", count: 100)
        let response = service.predict(body: ServiceFixtures.bytes(body))
        #expect(response.status == 413)
        #expect((ServiceFixtures.object(response)["error"] as? String)?.contains("at most 100 bytes") == true)
    }

    @Test func moreRowsThanTheLimitAreRefused() throws {
        let service = try ServiceFixtures.service(rowLimit: 2)
        let response = service.predict(body: ServiceFixtures.bytes(#"{"features": [[1, 2], [1, 2], [1, 2]]}"#))
        #expect(response.status == 400)
        #expect((ServiceFixtures.object(response)["error"] as? String)?.contains("3 rows; the server predicts at most 2") == true)
    }

    @Test func healthNamesTheFeaturesAndTheKindOfModel() throws {
        let json = ServiceFixtures.object(try ServiceFixtures.service().health())
        #expect(json["status"] as? String == "ok")
        #expect(json["features"] as? Int == 2)
        #expect(json["feature_names"] as? [String] == ["x", "y"])
        #expect(json["model"] as? String == "classifier of 3 classes")
    }

    @Test func metricsCountRequestsRefusalsRowsAndDrift() throws {
        let service = try ServiceFixtures.service()
        _ = service.answer(.predict, body: ServiceFixtures.bytes(#"{"features": [[5, 2], [3, 2]]}"#))
        _ = service.answer(.predict, body: ServiceFixtures.bytes("oops"))
        _ = service.answer(.health)
        _ = service.answer(.other)
        let json = ServiceFixtures.object(service.answer(.metrics))
        let requests = try #require(json["requests"] as? [String: Int])
        // The metrics request itself is counted after its answer is written.
        #expect(requests == ["predict": 2, "health": 1, "metrics": 0, "other": 1, "total": 4])
        #expect(json["errors"] as? [String: Int] == ["client": 2, "server": 0])
        #expect(json["rows_predicted"] as? Int == 2)
        let latency = try #require(json["latency_ms"] as? [String: Any])
        #expect(latency["window"] as? Int == 4)
        let p50 = try #require(latency["p50"] as? Double)
        let p99 = try #require(latency["p99"] as? Double)
        #expect(p50 >= 0 && p50 <= p99)
        // Served x values 5 and 3: mean 4, training mean 1, deviation 2, so a shift of 1.5 deviations.
        let drift = try #require(json["input_drift"] as? [String: Any])
        let features = try #require(drift["features"] as? [[String: Any]])
        #expect(features.count == 2)
        #expect(features[0]["feature"] as? String == "x")
        #expect(features[0]["served_mean"] as? Double == 4)
        #expect(features[0]["shift_in_sd"] as? Double == 1.5)
        // Two rows are too few to call it a drift.
        #expect(features[0]["drifted"] as? Bool == false)
        #expect(features[1]["shift_in_sd"] as? Double == 0)
        #expect(features[1]["drifted"] as? Bool == false)
        #expect(service.metrics.snapshot().requests[.metrics] == 1)
    }

    @Test func concurrentRequestsGetTheSameAnswersAsOneAtATime() async throws {
        let service = try ServiceFixtures.service()
        let bodies = (0..<64).map { index in #"{"features": [\#(index % 7), \#(index % 5)]}"# }
        let serial = bodies.map { service.predict(body: ServiceFixtures.bytes($0)).body }
        let concurrent = await withTaskGroup(of: (Int, String).self) { group in
            for (index, body) in bodies.enumerated() {
                group.addTask { (index, service.answer(.predict, body: ServiceFixtures.bytes(body)).body) }
            }
            var answers = [String](repeating: "", count: bodies.count)
            for await (index, answer) in group { answers[index] = answer }
            return answers
        }
        #expect(concurrent == serial)
        #expect(service.metrics.snapshot().requests[.predict] == 64)
        #expect(service.metrics.snapshot().rowsPredicted == 64)
    }
}
