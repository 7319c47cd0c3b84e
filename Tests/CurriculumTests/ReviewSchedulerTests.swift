import Foundation
import Testing
@testable import Curriculum

/// FSRS-6 against values worked out by hand from the published equations with the default parameters
/// (w₀ = 0.212, w₁ = 1.2931, w₂ = 2.3065, w₃ = 8.2956, w₄ = 6.4133, w₅ = 0.8334, w₆ = 3.0194, w₇ = 0.001,
/// w₈ = 1.8722, w₉ = 0.1666, w₁₀ = 0.796, w₁₁ = 1.4835, w₁₂ = 0.0614, w₁₃ = 0.2629, w₁₄ = 1.6483,
/// w₁₇ = 0.5425, w₁₈ = 0.0912, w₁₉ = 0.0658, w₂₀ = 0.1542), so F = 0.9^(−1/0.1542) − 1 = 0.980346.
@Suite("FSRS-6 scheduler")
struct ReviewSchedulerTests {
    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    let scheduler = ReviewScheduler(calendar: Self.utc)
    /// 10 March 2024, 09:00 UTC.
    let start = Date(timeIntervalSince1970: 1_710_061_200)
    let day = 86_400.0

    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-4) -> Bool { abs(a - b) <= tolerance }

    @Test func theFirstAnswerSetsTheInitialStabilityAndDifficulty() {
        // S₀(G) = w_(G−1); I(S) at r = 0.9 is S itself, rounded and at least 1 day.
        let expected: [(RecallGrade, stability: Double, days: Int)] = [(.again, 0.212, 1), (.hard, 1.2931, 1), (.good, 2.3065, 2), (.easy, 8.2956, 8)]
        for (grade, stability, days) in expected {
            let schedule = scheduler.schedule(after: nil, grade: grade, at: start)
            #expect(schedule.stability == stability, "\(grade)")
            #expect(schedule.intervalDays == days, "\(grade)")
            #expect(schedule.due == Self.utc.startOfDay(for: start).addingTimeInterval(Double(days) * day))
        }
        // D₀(good) = w₄ − e^(2·w₅) + 1 = 6.4133 − e^1.6668 + 1 = 6.4133 − 5.295196 + 1 = 2.118104.
        #expect(close(scheduler.schedule(after: nil, grade: .good, at: start).difficulty, 2.118104))
        // D₀(again) = w₄ − e⁰ + 1 = 6.4133; D₀(hard) = 6.4133 − e^0.8334 + 1 = 5.112171.
        #expect(close(scheduler.schedule(after: nil, grade: .again, at: start).difficulty, 6.4133))
        #expect(close(scheduler.schedule(after: nil, grade: .hard, at: start).difficulty, 5.112171))
        #expect(scheduler.schedule(after: nil, grade: .again, at: start).lapses == 1)
    }

    /// good on day 0, good on day 2 when due, again on day 13 when due.
    @Test func aHistoryOfReviewsFollowsTheEquations() {
        let first = scheduler.schedule(after: nil, grade: .good, at: start)
        // Day 2: R(2, 2.3065) = (1 + 0.980346·2/2.3065)^(−0.1542) = 0.909493.
        #expect(close(scheduler.retrievability(afterDays: 2, stability: 2.3065), 0.909493))
        // S′ = S·(1 + e^w₈·(11 − D)·S^(−w₉)·(e^(w₁₀·(1 − R)) − 1))
        //    = 2.3065·(1 + 6.502586·8.881896·0.870025·0.074702) = 10.964332 → I = 11 days.
        // D′ = w₇·D₀(4) + (1 − w₇)·D (good leaves D undamped): 0.001·(−4.771631) + 0.999·2.118104 = 2.111214.
        let second = scheduler.schedule(after: first, grade: .good, at: start.addingTimeInterval(2 * day))
        #expect(close(second.stability, 10.964332))
        #expect(close(second.difficulty, 2.111214))
        #expect(second.intervalDays == 11)
        #expect(second.reviews == 2)
        // Day 13: R(11, 10.964332) = 0.899777. Forgotten:
        // S′ = min(w₁₁·D^(−w₁₂)·((S + 1)^w₁₃ − 1)·e^(w₁₄·(1 − R)), S / e^(w₁₇·w₁₈)) = min(1.538337, 10.435062) = 1.538337 → I = 2.
        // D′ = 0.001·(−4.771631) + 0.999·(2.111214 + 2·3.0194·(10 − 2.111214)/9) = 7.392238.
        let third = scheduler.schedule(after: second, grade: .again, at: start.addingTimeInterval(13 * day))
        #expect(close(third.stability, 1.538337))
        #expect(close(third.difficulty, 7.392238))
        #expect(third.intervalDays == 2)
        #expect(third.lapses == 1)
    }

    @Test func anAnswerOnTheSameDayUsesTheShortTermRule() {
        let first = scheduler.schedule(after: nil, grade: .good, at: start)
        // S′ = S·e^(w₁₇·(1 − 3 + w₁₈))·S^(−w₁₉) = 2.3065·0.355040·0.946494 = 0.775084.
        let again = scheduler.schedule(after: first, grade: .again, at: start.addingTimeInterval(3_600))
        #expect(close(again.stability, 0.775084))
        // For good the factor e^(0.5425·0.0912)·S^(−0.0658) = 0.994500 is raised to 1: S stays.
        let good = scheduler.schedule(after: first, grade: .good, at: start.addingTimeInterval(3_600))
        #expect(good.stability == first.stability)
    }

    @Test func theDesiredRetentionSetsTheInterval() {
        // I = S/F·(r^(−1/0.1542) − 1): for S = 10, r = 0.8 gives 33.16 → 33; r = 0.95 gives 4.03 → 4; r = 0.9 gives 10.
        #expect(ReviewScheduler(desiredRetention: 0.8).interval(stability: 10) == 33)
        #expect(ReviewScheduler(desiredRetention: 0.95).interval(stability: 10) == 4)
        #expect(ReviewScheduler(desiredRetention: 0.9).interval(stability: 10) == 10)
        // Out of range or not a number falls back into the allowed range.
        #expect(ReviewScheduler(desiredRetention: 2).desiredRetention == 0.99)
        #expect(ReviewScheduler(desiredRetention: .nan).desiredRetention == 0.9)
    }

    @Test func retrievabilityIsNinetyPercentAtTheStabilityAndFallsWithTime() {
        for stability in [0.5, 2.3065, 10, 365] {
            #expect(close(scheduler.retrievability(afterDays: stability, stability: stability), 0.9, 1e-12))
            var previous = 1.0
            for days in stride(from: 0.0, through: 1_000, by: 7) {
                let recall = scheduler.retrievability(afterDays: days, stability: stability)
                #expect(recall <= previous)
                previous = recall
            }
            #expect(previous < 0.9)
        }
    }

    /// Property: from any memory and any delay, a right answer never gives a shorter interval than a
    /// wrong one, and good never shorter than hard.
    @Test func aRightAnswerNeverShortensTheIntervalMoreThanAWrongOne() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let previous = QuestionSchedule(
                difficulty: Double.random(in: 1...10, using: &generator), stability: Double.random(in: 0.01...3_000, using: &generator),
                due: start, lastAnswered: start)
            let at = start.addingTimeInterval(Double(Int.random(in: 0...400, using: &generator)) * day)
            let again = scheduler.schedule(after: previous, grade: .again, at: at)
            let hard = scheduler.schedule(after: previous, grade: .hard, at: at)
            let good = scheduler.schedule(after: previous, grade: .good, at: at)
            #expect(hard.intervalDays >= again.intervalDays)
            #expect(good.intervalDays >= hard.intervalDays)
            #expect(good.stability >= again.stability)
            #expect(QuestionSchedule.difficultyRange.contains(again.difficulty) && QuestionSchedule.difficultyRange.contains(good.difficulty))
        }
    }

    @Test func anSM2ScheduleIsConverted() {
        // S = I = 6; growth = e^w₈·6^(−w₉)·(e^(0.1·w₁₀) − 1) = 0.399723; D = 11 − (2.5 − 1)/0.399723 = 7.247398.
        let due = start.addingTimeInterval(6 * day)
        let converted = scheduler.converted(easiness: 2.5, intervalDays: 6, streak: 2, due: due, lastAnswered: start)
        #expect(converted.stability == 6)
        #expect(close(converted.difficulty, 7.247398))
        #expect(converted.due == due)
        // The lowest easiness is the hardest: D = 11 − 0.3/0.399723 = 10.249 → clamped to 10.
        #expect(scheduler.converted(easiness: 1.3, intervalDays: 6, streak: 0, due: due, lastAnswered: start).difficulty == 10)
    }

    @Test func theAnswerTimeIsJudgedPerKindOfQuestion() {
        // A calculation may take 3 × 30 s plus reading; 25 s is good, never easy.
        #expect(RecallInference.grade(correct: true, seconds: 25, words: 10, kind: .calculation) == .good)
        #expect(RecallInference.grade(correct: true, seconds: 25, words: 10, kind: .trueOrFalse) == .hard)
        // True or false: 10 words × 0.3 s + 3 × 3 s = 12 s.
        #expect(RecallInference.allowance(words: 10, kind: .trueOrFalse) == 12)
        #expect(RecallInference.grade(correct: true, seconds: 12, words: 10, kind: .trueOrFalse) == .good)
        #expect(RecallInference.grade(correct: false, seconds: 1, words: 10, kind: .choice) == .again)
    }
}

/// A small, fixed-seed random generator (SplitMix64) so the property tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
