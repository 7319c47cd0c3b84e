import Neural

/// Answers prediction requests for one saved model: JSON in, JSON out, with a health check and metrics.
///
/// This is the whole service without the network socket: `gradschool serve` puts it behind HTTP, and the
/// deployment lesson's widget calls it directly. The model is loaded once, when the service is made, and
/// nothing in a request can name a file or change it. Each prediction runs on its own copy of the network
/// (a value), so requests answered at the same time share no mutable state; only the metrics are shared,
/// behind their lock.
public struct PredictionService: Sendable {
    public let model: SavedModel
    public let reading: OutputReading
    public let metrics: ServiceMetrics
    /// The largest body read, in bytes; a larger one is refused with 413.
    public let bodyLimit: Int
    /// The most rows one request may hold.
    public let rowLimit: Int

    /// The default body limit: 1 MiB, room for about 40 000 rows of four features.
    public static let defaultBodyLimit = 1 << 20

    public init(model: SavedModel, bodyLimit: Int = PredictionService.defaultBodyLimit, rowLimit: Int = 10_000,
                latencyWindow: Int = 4096, driftWindow: Int = 200) {
        self.model = model
        reading = OutputReading(model: model)
        self.bodyLimit = bodyLimit
        self.rowLimit = rowLimit
        var drift: InputDrift?
        if let scaler = model.scaler, scaler.kind == .standardization {
            drift = InputDrift(trainingMeans: scaler.offsets, trainingStandardDeviations: scaler.scales,
                               featureNames: model.featureNames, window: driftWindow)
        }
        metrics = ServiceMetrics(latencyWindow: latencyWindow, drift: drift)
    }

    /// How many features each row must have.
    public var featureCount: Int { model.network.inputSize }

    /// The answer to `POST /predict` with `body` (not yet counted in the metrics).
    public func predict(body: [UInt8]) -> ServiceResponse {
        guard body.count <= bodyLimit else { return .refusal(.bodyTooLarge(bytes: body.count, limit: bodyLimit)) }
        let request: PredictionRequest
        do {
            request = try PredictionRequest(body: body, featureCount: featureCount, featureNames: model.featureNames,
                                            rowLimit: rowLimit)
        } catch {
            return .refusal(error)
        }
        let predictions: [Prediction]
        do {
            predictions = try predict(rows: request.rows)
        } catch {
            return .refusal(status: 500, sentence: "The model could not scale these features: \(error.description)")
        }
        let json = request.isBatch
            ? JSONText.object([("predictions", "[" + predictions.map(\.json).joined(separator: ", ") + "]")])
            : predictions[0].json
        return ServiceResponse(status: 200, body: json, rows: request.rows)
    }

    /// The predictions for raw feature rows (each as long as `featureCount`).
    public func predict(rows: [[Float]]) throws(ScalerError) -> [Prediction] {
        let features = Matrix(rows: rows.count, columns: featureCount, elements: rows.flatMap { $0 })
        let outputs = try model.predict(rawFeatures: features)
        return (0..<outputs.rows).map { row in
            reading.prediction(outputs: (0..<outputs.columns).map { outputs[row, $0] })
        }
    }

    /// The answer to `GET /health`: the service is up and which model it serves.
    public func health() -> ServiceResponse {
        let kind: String
        switch reading {
        case .classes(let names): kind = "classifier of \(names.count) classes"
        case .twoClasses: kind = "classifier of 2 classes"
        case .numbers: kind = "regression"
        }
        return ServiceResponse(status: 200, body: JSONText.object([
            ("status", JSONText.string("ok")),
            ("features", String(featureCount)),
            ("feature_names", "[" + model.featureNames.map(JSONText.string).joined(separator: ", ") + "]"),
            ("outputs", String(model.network.outputSize)),
            ("model", JSONText.string(kind)),
        ]))
    }

    /// The answer to `GET /metrics`: counts, latency percentiles in milliseconds, and input drift.
    public func metricsResponse() -> ServiceResponse {
        let snapshot = metrics.snapshot()
        let requests = ServiceMetrics.Route.allCases.map { ($0.rawValue, String(snapshot.requests[$0] ?? 0)) }
        let milliseconds = { (percent: Double) -> String in
            snapshot.latency(percentile: percent).map { JSONText.number($0 * 1000, digits: 3) } ?? "null"
        }
        var members: [(String, String)] = [
            ("requests", JSONText.object(requests + [("total", String(snapshot.totalRequests))])),
            ("errors", JSONText.object([("client", String(snapshot.clientErrors)), ("server", String(snapshot.serverErrors))])),
            ("rows_predicted", String(snapshot.rowsPredicted)),
            ("latency_ms", JSONText.object([
                ("window", String(snapshot.recentLatencies.count)),
                ("p50", milliseconds(50)), ("p95", milliseconds(95)), ("p99", milliseconds(99)),
                ("max", milliseconds(100)),
            ])),
        ]
        if let drift = snapshot.drift {
            let drifted = Set(drift.drifted.map(\.name))
            let features = drift.features.map { feature in
                JSONText.object([
                    ("feature", JSONText.string(feature.name)),
                    ("training_mean", JSONText.number(feature.trainingMean)),
                    ("training_sd", JSONText.number(feature.trainingStandardDeviation)),
                    ("served_mean", feature.servedMean.map(JSONText.number) ?? "null"),
                    ("shift_in_sd", feature.shift.map(JSONText.number) ?? "null"),
                    ("drifted", drifted.contains(feature.name) ? "true" : "false"),
                ])
            }
            members.append(("input_drift", JSONText.object([
                ("window", String(drift.rowCount)), ("features", "[" + features.joined(separator: ", ") + "]"),
            ])))
        } else {
            members.append(("input_drift", "null"))
        }
        return ServiceResponse(status: 200, body: JSONText.object(members))
    }

    /// Answers one request to `route` and counts it, timing it with `clock`.
    public func answer(_ route: ServiceMetrics.Route, body: [UInt8] = [],
                       clock: ContinuousClock = ContinuousClock()) -> ServiceResponse {
        let start = clock.now
        let response: ServiceResponse
        switch route {
        case .predict: response = predict(body: body)
        case .health: response = health()
        case .metrics: response = metricsResponse()
        case .other: response = .refusal(status: 404, sentence: Self.unknownRoute)
        }
        let elapsed = clock.now - start
        metrics.record(route: route, status: response.status, seconds: Self.seconds(elapsed), rows: response.rows)
        return response
    }

    /// The sentence for a path the service does not answer.
    public static let unknownRoute = "The server answers POST /predict, GET /health and GET /metrics only."

    /// A duration in seconds.
    public static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
