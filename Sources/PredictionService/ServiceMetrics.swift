import Foundation

/// What a prediction service has done so far: requests per route, refusals, rows predicted, how long the
/// recent answers took, and the drift of the recent inputs.
///
/// Requests are answered on many threads at once, so every count lives behind one lock and is read as a
/// `Snapshot`, a plain value. The lock guards only these numbers: the model itself is never shared
/// mutably (each prediction runs on its own copy of the network).
public final class ServiceMetrics: @unchecked Sendable {
    /// The routes the service answers, and everything else.
    public enum Route: String, Sendable, CaseIterable {
        case predict, health, metrics, other
    }

    /// The counts at one moment.
    public struct Snapshot: Sendable, Equatable {
        public var requests: [Route: Int]
        /// Answers with a 4xx status (the request was refused) and with a 5xx status.
        public var clientErrors: Int
        public var serverErrors: Int
        public var rowsPredicted: Int
        /// The latencies of the most recent requests, in seconds, oldest first.
        public var recentLatencies: [Double]
        public var drift: InputDrift?

        public var totalRequests: Int { requests.values.reduce(0, +) }

        /// The `percent` percentile of the recent latencies in seconds, by the nearest-rank rule: the
        /// smallest latency that at least `percent`% of the latencies do not exceed. Nil before any request.
        public func latency(percentile percent: Double) -> Double? {
            ServiceMetrics.percentile(percent, of: recentLatencies)
        }
    }

    /// How many recent latencies the percentiles cover.
    public let latencyWindow: Int
    private let lock = NSLock()
    private var requests: [Route: Int] = [:]
    private var clientErrors = 0
    private var serverErrors = 0
    private var rowsPredicted = 0
    private var latencies: [Double]
    private var nextLatency = 0
    private var latencyCount = 0
    private var drift: InputDrift?

    /// Empty metrics; `drift` measures served inputs when the model knows its training statistics.
    public init(latencyWindow: Int = 4096, drift: InputDrift? = nil) {
        precondition(latencyWindow > 0)
        self.latencyWindow = latencyWindow
        latencies = [Double](repeating: 0, count: latencyWindow)
        self.drift = drift
    }

    /// Counts one answered request; `seconds` joins the latencies when given (a refusal by the router,
    /// before any handler ran, has none).
    public func record(route: Route, status: Int, seconds: Double?, rows: [[Float]] = []) {
        lock.lock()
        defer { lock.unlock() }
        requests[route, default: 0] += 1
        if (400..<500).contains(status) { clientErrors += 1 }
        if status >= 500 { serverErrors += 1 }
        rowsPredicted += rows.count
        if let seconds {
            latencies[nextLatency] = seconds
            nextLatency = (nextLatency + 1) % latencyWindow
            latencyCount = min(latencyCount + 1, latencyWindow)
        }
        if !rows.isEmpty { drift?.record(rows) }
    }

    /// The counts now.
    public func snapshot() -> Snapshot {
        lock.lock()
        defer { lock.unlock() }
        let recent = latencyCount < latencyWindow
            ? Array(latencies[0..<latencyCount])
            : Array(latencies[nextLatency...] + latencies[..<nextLatency])
        return Snapshot(requests: requests, clientErrors: clientErrors, serverErrors: serverErrors,
                        rowsPredicted: rowsPredicted, recentLatencies: recent, drift: drift)
    }

    /// The nearest-rank percentile: sorted ascending, the value at rank ⌈percent/100 · n⌉ (at least 1).
    public static func percentile(_ percent: Double, of values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        // percent · n first, so whole percents of whole counts stay exact (0.95 · 20 is not 19 in binary).
        let rank = Int((percent * Double(sorted.count) / 100).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
