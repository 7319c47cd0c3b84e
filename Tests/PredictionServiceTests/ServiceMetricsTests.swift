import PredictionService
import Testing

@Suite struct ServiceMetricsTests {
    /// The nearest-rank worked example: 15, 20, 35, 40, 50 has 30th percentile 20, 40th 20, 50th 35, 100th 50.
    @Test func percentilesFollowTheNearestRankRule() {
        let values: [Double] = [40, 15, 50, 35, 20]
        #expect(ServiceMetrics.percentile(5, of: values) == 15)
        #expect(ServiceMetrics.percentile(30, of: values) == 20)
        #expect(ServiceMetrics.percentile(40, of: values) == 20)
        #expect(ServiceMetrics.percentile(50, of: values) == 35)
        #expect(ServiceMetrics.percentile(100, of: values) == 50)
        #expect(ServiceMetrics.percentile(50, of: []) == nil)
        // 95% of 20 values is exactly rank 19, however 0.95 rounds in binary.
        let twenty = (1...20).map(Double.init)
        #expect(ServiceMetrics.percentile(95, of: twenty) == 19)
    }

    @Test func latenciesKeepOnlyTheMostRecentWindowOldestFirst() {
        let metrics = ServiceMetrics(latencyWindow: 3)
        for seconds in [1.0, 2, 3, 4, 5] { metrics.record(route: .health, status: 200, seconds: seconds) }
        metrics.record(route: .other, status: 404, seconds: nil)
        let snapshot = metrics.snapshot()
        #expect(snapshot.recentLatencies == [3, 4, 5])
        #expect(snapshot.requests[.health] == 5)
        #expect(snapshot.requests[.other] == 1)
        #expect(snapshot.clientErrors == 1)
        #expect(snapshot.totalRequests == 6)
    }

    @Test func driftIsTheShiftOfTheRecentMeanInTrainingDeviations() {
        var drift = InputDrift(trainingMeans: [1, 2], trainingStandardDeviations: [2, 4], featureNames: [], window: 2)
        #expect(drift.features.map(\.shift) == [nil, nil])
        #expect(drift.features.map(\.name) == ["feature 1", "feature 2"])
        drift.record([[5, 2], [3, 10]])
        // Means (4, 6): shifts (4 − 1)/2 = 1.5 and (6 − 2)/4 = 1.
        #expect(drift.features.map(\.shift) == [1.5, 1])
        // A third row pushes out the first: means (2, 6), shifts 0.5 and 1.
        drift.record([[1, 2]])
        #expect(drift.rowCount == 2)
        #expect(drift.features.map(\.servedMean) == [2, 6])
        // Judged only from 20 rows on: two rows 1.5 deviations off are not yet a drift.
        #expect(drift.drifted.isEmpty)
        // Rows of the wrong width are not counted.
        drift.record([[1]])
        #expect(drift.features.map(\.servedMean) == [2, 6])
    }

    @Test func aFeatureDriftsPastHalfADeviationOnceTwentyRowsCame() {
        var drift = InputDrift(trainingMeans: [0, 0], trainingStandardDeviations: [1, 1], featureNames: ["a", "b"], window: 50)
        drift.record(Array(repeating: [0.6, 0.4], count: 19))
        #expect(drift.drifted.isEmpty)
        drift.record([[0.6, 0.4]])
        // 0.6 is past the 0.5 threshold; 0.4 is not.
        #expect(drift.drifted.map(\.name) == ["a"])
    }

    @Test func aSigmoidOutputReadsAsTheSecondClassProbability() {
        let reading = OutputReading.twoClasses(negative: "no", positive: "yes")
        let high = reading.prediction(outputs: [0.75])
        #expect(high.className == "yes")
        #expect(high.classIndex == 1)
        #expect(high.probabilities.map(\.probability) == [0.25, 0.75])
        #expect(reading.prediction(outputs: [0.25]).className == "no")
        #expect(OutputReading.numbers.prediction(outputs: [3.5]).className == nil)
    }
}
