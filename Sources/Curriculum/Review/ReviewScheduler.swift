import Foundation

/// Decides when a question comes back: FSRS-6, the Free Spaced Repetition Scheduler (Ye et al.), with
/// its published equations and default parameters w₀…w₂₀.
///
/// A memory has a difficulty D ∈ [1, 10] and a stability S (days). With t days since the last answer,
/// the chance of recall (retrievability) follows a power forgetting curve whose shape is w₂₀:
///
///     R(t, S) = (1 + F · t / S)^(−w₂₀),   F = 0.9^(−1/w₂₀) − 1        (so R(S, S) = 0.9)
///
/// and the next interval for a desired retention r is the t at which R falls to r:
///
///     I(S) = S / F · (r^(−1/w₂₀) − 1),   rounded to whole days, at least 1
///
/// Grades G: again 1, hard 2, good 3, easy 4. The first answer sets
///
///     S₀(G) = w_(G−1),   D₀(G) = w₄ − e^(w₅·(G − 1)) + 1                      (D clamped to [1, 10])
///
/// and every later answer moves D towards D₀(easy) with linear damping:
///
///     D′ = w₇ · D₀(4) + (1 − w₇) · (D − w₆·(G − 3) · (10 − D) / 9)
///
/// A right answer a day or more later raises S; a wrong one sets the post-lapse stability:
///
///     S′ = S · (1 + e^w₈ · (11 − D) · S^(−w₉) · (e^(w₁₀·(1 − R)) − 1) · (w₁₅ if hard) · (w₁₆ if easy))
///     S′ = min(w₁₁ · D^(−w₁₂) · ((S + 1)^w₁₃ − 1) · e^(w₁₄·(1 − R)),  S / e^(w₁₇·w₁₈))
///
/// and an answer on the same day as the last one uses the short-term rule
///
///     S′ = S · e^(w₁₇·(G − 3 + w₁₈)) · S^(−w₁₉)          (the factor at least 1 for good and easy)
///
/// This implementation's choices: time is counted in whole days of the learner's calendar (a question
/// answered at 23:00 with I = 1 is due from midnight); there are no learning steps, since a missed
/// question already comes back within the quiz, and only the first answer in a sitting moves the
/// schedule; no random fuzz, so a schedule can be checked by hand.
public struct ReviewScheduler: Equatable, Sendable {
    /// FSRS-6's default parameters w₀…w₂₀, fitted on the open srs-benchmark's collections.
    public static let defaultParameters: [Double] = [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ]
    /// The desired retention a learner may choose.
    public static let retentionRange: ClosedRange<Double> = 0.7...0.99
    /// The desired retention unless the learner sets another.
    public static let defaultRetention = 0.9
    /// The longest interval, in days.
    public static let maximumInterval = 36_500

    /// w₀…w₂₀.
    public var parameters: [Double]
    /// r: the chance of recall at which a question comes back.
    public var desiredRetention: Double
    /// The calendar whose days due dates fall on.
    public var calendar: Calendar

    public init(desiredRetention: Double = defaultRetention, calendar: Calendar = .current, parameters: [Double] = defaultParameters) {
        self.parameters = parameters.count == 21 ? parameters : Self.defaultParameters
        self.desiredRetention = min(max(desiredRetention.isFinite ? desiredRetention : Self.defaultRetention,
                                        Self.retentionRange.lowerBound), Self.retentionRange.upperBound)
        self.calendar = calendar
    }

    private var w: [Double] { parameters }
    /// The forgetting curve's exponent, −w₂₀.
    var decay: Double { -w[20] }
    /// F = 0.9^(1/decay) − 1, so that R(S, S) = 0.9.
    var factor: Double { pow(0.9, 1 / decay) - 1 }

    // MARK: The memory model

    /// R(t, S): the chance of recalling a memory of stability `stability` after `days` days.
    public func retrievability(afterDays days: Double, stability: Double) -> Double {
        pow(1 + factor * max(0, days) / stability, decay)
    }

    /// The chance of recalling the question at `date`, from its schedule.
    public func retrievability(of schedule: QuestionSchedule, at date: Date) -> Double {
        retrievability(afterDays: Double(elapsedDays(from: schedule.lastAnswered, to: date)), stability: schedule.stability)
    }

    /// I(S): whole days until the chance of recall falls to the desired retention.
    public func interval(stability: Double) -> Int {
        let days = stability / factor * (pow(desiredRetention, 1 / decay) - 1)
        guard days.isFinite else { return Self.maximumInterval }
        return min(max(Int(days.rounded()), 1), Self.maximumInterval)
    }

    /// S₀(G).
    func initialStability(_ grade: RecallGrade) -> Double {
        clampStability(w[grade.rawValue - 1])
    }

    /// D₀(G), unclamped (the mean reversion in `nextDifficulty` uses D₀(4) as it is).
    func initialDifficulty(_ grade: RecallGrade) -> Double {
        w[4] - exp(w[5] * Double(grade.rawValue - 1)) + 1
    }

    func nextDifficulty(_ difficulty: Double, _ grade: RecallGrade) -> Double {
        let delta = -w[6] * Double(grade.rawValue - 3)
        let damped = difficulty + delta * (10 - difficulty) / 9
        return clampDifficulty(w[7] * initialDifficulty(.easy) + (1 - w[7]) * damped)
    }

    func recallStability(difficulty: Double, stability: Double, retrievability: Double, grade: RecallGrade) -> Double {
        let hardPenalty = grade == .hard ? w[15] : 1
        let easyBonus = grade == .easy ? w[16] : 1
        return stability * (1 + exp(w[8]) * (11 - difficulty) * pow(stability, -w[9])
                                * (exp((1 - retrievability) * w[10]) - 1) * hardPenalty * easyBonus)
    }

    func forgetStability(difficulty: Double, stability: Double, retrievability: Double) -> Double {
        let longTerm = w[11] * pow(difficulty, -w[12]) * (pow(stability + 1, w[13]) - 1) * exp((1 - retrievability) * w[14])
        let shortTerm = stability / exp(w[17] * w[18])
        return min(longTerm, shortTerm)
    }

    func shortTermStability(_ stability: Double, _ grade: RecallGrade) -> Double {
        var increase = exp(w[17] * (Double(grade.rawValue) - 3 + w[18])) * pow(stability, -w[19])
        if grade == .good || grade == .easy { increase = max(increase, 1) }
        return stability * increase
    }

    private func clampDifficulty(_ value: Double) -> Double {
        min(max(value, QuestionSchedule.difficultyRange.lowerBound), QuestionSchedule.difficultyRange.upperBound)
    }

    private func clampStability(_ value: Double) -> Double {
        guard value.isFinite else { return QuestionSchedule.stabilityRange.upperBound }
        return min(max(value, QuestionSchedule.stabilityRange.lowerBound), QuestionSchedule.stabilityRange.upperBound)
    }

    /// Whole calendar days from the day of `start` to the day of `end` (0 on the same day).
    func elapsedDays(from start: Date, to end: Date) -> Int {
        let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: start), to: calendar.startOfDay(for: end)).day ?? 0
        return max(0, days)
    }

    // MARK: Scheduling

    /// The schedule after answering a question graded `grade` at `date`; `previous` is nil the first time.
    public func schedule(after previous: QuestionSchedule?, grade: RecallGrade, at date: Date) -> QuestionSchedule {
        let difficulty: Double
        let stability: Double
        if let previous {
            let days = elapsedDays(from: previous.lastAnswered, to: date)
            if days == 0 {
                stability = shortTermStability(previous.stability, grade)
            } else {
                let recall = retrievability(afterDays: Double(days), stability: previous.stability)
                stability = grade == .again
                    ? forgetStability(difficulty: previous.difficulty, stability: previous.stability, retrievability: recall)
                    : recallStability(difficulty: previous.difficulty, stability: previous.stability, retrievability: recall, grade: grade)
            }
            difficulty = nextDifficulty(previous.difficulty, grade)
        } else {
            stability = initialStability(grade)
            difficulty = clampDifficulty(initialDifficulty(grade))
        }
        let kept = clampStability(stability)
        return QuestionSchedule(
            difficulty: difficulty, stability: kept, due: dueDate(afterDays: interval(stability: kept), from: date), lastAnswered: date,
            reviews: min((previous?.reviews ?? 0) + 1, QuestionSchedule.countRange.upperBound),
            lapses: min((previous?.lapses ?? 0) + (grade == .again ? 1 : 0), QuestionSchedule.countRange.upperBound))
    }

    /// The start of the day `days` days after the day of `date`.
    func dueDate(afterDays days: Int, from date: Date) -> Date {
        let startOfDay = calendar.startOfDay(for: date)
        return calendar.date(byAdding: .day, value: days, to: startOfDay) ?? startOfDay.addingTimeInterval(Double(days) * 86_400)
    }

    // MARK: Schedules from SM-2

    /// The FSRS memory of a question an SM-2 schedule held: stability from the interval, difficulty by
    /// solving the recall-stability equation for the D whose growth factor equals SM-2's easiness.
    ///
    /// SM-2 reviewed at the end of each interval I, where the chance of recall is taken to be 0.9, so
    /// S = I (R(I, I) = 0.9). Its interval grew by EF, which FSRS would do when S′/S = EF, that is
    ///
    ///     EF − 1 = e^w₈ · (11 − D) · S^(−w₉) · (e^(w₁₀·0.1) − 1)   ⇒   D = 11 − (EF − 1) / (e^w₈ · S^(−w₉) · (e^(0.1·w₁₀) − 1))
    ///
    /// clamped to [1, 10]. The due date is kept.
    public func converted(easiness: Double, intervalDays: Int, streak: Int, due: Date, lastAnswered: Date) -> QuestionSchedule {
        let stability = clampStability(Double(max(1, intervalDays)))
        let growth = exp(w[8]) * pow(stability, -w[9]) * (exp(0.1 * w[10]) - 1)
        let difficulty = clampDifficulty(11 - (easiness - 1) / growth)
        return QuestionSchedule(difficulty: difficulty, stability: stability, due: due, lastAnswered: lastAnswered,
                                reviews: max(1, min(streak, QuestionSchedule.countRange.upperBound)), lapses: 0)
    }
}
