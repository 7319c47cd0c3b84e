import Canvas
import Curriculum
import Foundation
import Neural
import Testing
@testable import App

/// The numbers written in a question, in order (`−1.5` and `-1.5` both read as −1.5).
func numbers(in text: String) -> [Double] {
    let normalized = text.replacingOccurrences(of: "−", with: "-")
    let pattern = try! NSRegularExpression(pattern: "-?[0-9]+(\\.[0-9]+)?")
    let range = NSRange(normalized.startIndex..., in: normalized)
    return pattern.matches(in: normalized, range: range).compactMap { match in
        Range(match.range, in: normalized).flatMap { Double(normalized[$0]) }
    }
}

@Suite("Quiz mode")
struct QuizModeTests {
    typealias F = QuizModeFixtures

    @Test func aWholeQuizWithEveryKindOfQuestionAWrongAnswerThatComesBackAndTheSummary() throws {
        var (tutor, effects) = F.quizTutor()
        #expect(effects.isEmpty)
        var quiz = try #require(tutor.quiz)
        // New questions of the opened lesson, in course order; the unopened lesson is left out.
        #expect(quiz.questionID == "sum-pick")
        #expect(quiz.queue.upcoming == ["sum-number", "activations-all", "step-flat", "sigmoid-drill"])
        #expect(tutor.screenText.contains("Neurons › Sums"))
        #expect(tutor.screenText.contains("What does a neuron add to its weighted inputs?"))
        #expect(tutor.screenLines[0].hasSuffix("question 1 of 5"))

        // 1. Pick one, right, in 4 s.
        tutor.wait(4)
        effects = tutor.press(.character("1"))
        #expect(QuizInReaderTests.answers(effects).map(\.questionID) == ["sum-pick"])
        #expect(QuizInReaderTests.answers(effects).first?.source == .quiz)
        #expect(tutor.screenText.contains("✓ Right"))
        #expect(tutor.screenText.contains("The bias is added to the weighted sum."))
        #expect(tutor.screenText.contains("Taught in    Neurons › Sums"))
        // A first right answer: S = w₂ = 2.3065 days, so I = 2 at 90 % retention.
        #expect(tutor.screenText.contains("Next review  in 2 days"))
        let first = try #require(tutor.progress.questions["sum-pick"])
        #expect(first.lessonID == "neurons")
        #expect(first.schedule?.intervalDays == 2)
        #expect(first.schedule?.due == F.utc.startOfDay(for: F.start).addingTimeInterval(2 * F.day))
        #expect(first.history.map(\.given) == ["1"])
        #expect(first.history.first?.seconds == 4)
        #expect(tutor.progress.knownCount(among: ["sum-pick"]) == 1)

        // 2. A number, wrong (1.4 is 0.1 away, the tolerance is 0.01): it comes back in this quiz.
        tutor.press(.character(" "))
        #expect(tutor.screenText.contains("Your answer:"))
        tutor.type("1.4")
        tutor.press(.enter)
        #expect(tutor.screenText.contains("✗ Not quite"))
        #expect(tutor.screenText.contains("The answer   1.5 (any answer within 0.01 of it counts)"))
        #expect(tutor.screenText.contains("later in this quiz, and again tomorrow"))
        quiz = try #require(tutor.quiz)
        #expect(quiz.queue.upcoming == ["activations-all", "step-flat", "sigmoid-drill", "sum-number"])
        let missed = try #require(tutor.progress.questions["sum-number"]?.schedule)
        // Missed at first sight: S = w₀ = 0.212 days, back tomorrow, one lapse.
        #expect((missed.lapses, missed.intervalDays, missed.stability) == (1, 1, 0.212))

        // 3. Mark all that apply: 1 and 3, then Enter.
        tutor.press(.character(" "), .character("1"), .character("3"))
        #expect(tutor.screenText.contains("[x] 1. sigmoid"))
        #expect(tutor.screenText.contains("[ ] 2. Adam"))
        tutor.press(.enter)
        #expect(tutor.screenText.contains("✓ Right"))

        // 4. True or false.
        tutor.press(.character(" "), .character("t"))
        #expect(tutor.progress.questions["step-flat"]?.history.last?.correct == true)

        // 5. A generated question: the engine's σ(z) for the z drawn is right.
        tutor.press(.character(" "))
        let prompt = try #require(tutor.quiz?.current?.posed.prompt)
        let z = try #require(numbers(in: prompt).first)
        let sigmoid = Double(Activation.sigmoid.value(at: Float(z)))
        tutor.type(String(format: "%.3f", sigmoid))
        tutor.press(.enter)
        #expect(tutor.screenText.contains("✓ Right"), "σ(\(z)) = \(sigmoid) was not accepted:\n\(tutor.screenText)")

        // 6. The missed question again: asked again, now right as a fraction; the schedule stays as set.
        tutor.press(.character(" "))
        #expect(tutor.quiz?.questionID == "sum-number")
        #expect(tutor.screenText.contains("Asked again: you missed it earlier in this quiz."))
        tutor.type("3/2")
        tutor.press(.enter)
        #expect(tutor.screenText.contains("✓ Right"))
        let retried = try #require(tutor.progress.questions["sum-number"])
        #expect(retried.schedule == missed)
        #expect(retried.history.map(\.isRetry) == [false, true])
        #expect(retried.history.map(\.given) == ["1.4", "3/2"])

        // The summary: 4 of 5 first tries, one second try, the weak page, and what comes next.
        tutor.press(.character(" "))
        #expect(tutor.quiz?.phase == .summary)
        let text = tutor.screenText
        #expect(text.contains("Score        4 of 5 right the first time (80%)"))
        #expect(text.contains("Second tries 1, of which 1 right"))
        #expect(tutor.screenLines.contains { $0.contains("Neurons › Sums") && $0.hasSuffix("1 of 2 right") })
        #expect(!text.contains("Neurons › Activations"))
        // The missed question comes back tomorrow; the four right first answers (S = 2.3065) in 2 days.
        #expect(tutor.screenLines.contains { $0.contains("tomorrow") && $0.hasSuffix("1 question") })
        #expect(tutor.screenLines.contains { $0.contains("in 2 days") && $0.hasSuffix("4 questions") })
        #expect(tutor.screenLines[0].hasSuffix("finished"))

        tutor.press(.enter)
        guard case .home(let home) = tutor.screen else {
            Issue.record("Enter on the summary should go home")
            return
        }
        #expect(HomeScreen.entries(in: tutor)[home.selected] == .quiz)
    }

    @Test func nothingOpenedMeansNothingToAskAndSaysWhy() throws {
        var (tutor, _) = F.quizTutor(progress: LearnerProgress())
        #expect(tutor.quiz?.phase == .nothingToAsk)
        #expect(tutor.paragraphText.contains("you have not opened one yet"))
        #expect(!tutor.screenText.contains("a ask all anyway"))
        tutor.press(.character("a"))
        #expect(tutor.quiz?.phase == .nothingToAsk)
        tutor.press(.escape)
        guard case .home = tutor.screen else {
            Issue.record("Esc should go home")
            return
        }
    }

    @Test func whenNothingIsDueTheNextDateIsGivenAndAAsksEverythingAnyway() throws {
        var progress = F.openedNeurons
        let scheduler = ReviewScheduler(calendar: F.utc)
        for (index, id) in ["sum-pick", "sum-number", "activations-all", "step-flat", "sigmoid-drill"].enumerated() {
            var review = QuestionReview(lessonID: "neurons")
            review.schedule = scheduler.schedule(after: nil, grade: .good, at: F.start.addingTimeInterval(Double(index) * 60))
            progress.questions[id] = review
        }
        var (tutor, _) = F.quizTutor(progress: progress)
        #expect(tutor.quiz?.phase == .nothingToAsk)
        #expect(tutor.paragraphText.contains("Nothing is due"))
        // Each first answered good: S = 2.3065, so due in 2 days.
        #expect(tutor.paragraphText.contains("The next question is due in 2 days."))
        #expect(tutor.paragraphText.contains("Press a to go over all 5 questions anyway."))
        tutor.press(.character("a"))
        let quiz = try #require(tutor.quiz)
        #expect(quiz.phase == .asking)
        #expect(quiz.options.ignoresSchedule)
        #expect(quiz.queue.picked == 5)
    }

    @Test func theRecallGradeIsJudgedFromTheTimeTheKindOfQuestionAllows() throws {
        // 2 s for a short question is within its allowance: good (never easy), S = w₂ = 2.3065.
        var (tutor, _) = F.quizTutor()
        tutor.wait(2)
        tutor.press(.character("1"))
        #expect(tutor.progress.questions["sum-pick"]?.history.last?.grade == .good)
        #expect(tutor.progress.questions["sum-pick"]?.schedule?.stability == 2.3065)
        #expect(tutor.screenText.contains("Recall       good, judged from your time"))
        // The learner is not asked to grade: 3, 4 and 5 do nothing.
        #expect(tutor.press(.character("3")).isEmpty)
        #expect(tutor.progress.questions["sum-pick"]?.history.count == 1)

        // A minute and a half for a one-choice question is slow: hard, S = w₁ = 1.2931.
        var slow = F.quizTutor().tutor
        slow.wait(90)
        slow.press(.character("1"))
        #expect(slow.progress.questions["sum-pick"]?.history.last?.grade == .hard)
        #expect(slow.progress.questions["sum-pick"]?.schedule?.stability == 1.2931)

        var wrong = F.quizTutor().tutor
        wrong.press(.character("2"))
        #expect(wrong.progress.questions["sum-pick"]?.history.last?.grade == .again)
    }

    @Test func dontKnowShowsTheAnswerAndCountsAsForgotten() throws {
        var (tutor, _) = F.quizTutor()
        tutor.press(.character("d"))
        #expect(tutor.screenText.contains("✗ Here is the answer"))
        #expect(tutor.screenText.contains("The answer   1. Its bias"))
        let review = try #require(tutor.progress.questions["sum-pick"])
        #expect(review.history.last?.grade == .again)
        #expect(review.history.last?.given == "")
        #expect(review.schedule?.stability == 0.212)
        // Missed: it comes back three questions later.
        #expect(tutor.quiz?.queue.upcoming == ["sum-number", "activations-all", "step-flat", "sum-pick", "sigmoid-drill"])
    }

    @Test func aNumberThatCannotBeReadIsExplainedAndNotCounted() throws {
        var (tutor, _) = F.quizTutor()
        tutor.press(.character("1"), .character(" "))
        #expect(tutor.quiz?.questionID == "sum-number")
        let before = tutor.progress
        tutor.press(.enter)
        #expect(tutor.paragraphText.contains("Type a number first"))
        tutor.type("1..5")
        #expect(tutor.press(.enter).isEmpty)
        #expect(tutor.paragraphText.contains("'1..5' is not a number"))
        #expect(tutor.progress == before)
        tutor.press(.backspace, .backspace)
        tutor.type("5")
        tutor.press(.enter)
        #expect(tutor.screenText.contains("✓ Right"))
    }

    @Test func markAllNeedsAMarkAndOnlyTheExactSetIsRight() throws {
        var progress = F.openedNeurons
        progress["neurons"].markRead(page: 1, of: 2, at: F.start)
        var (tutor, _) = F.quizTutor(progress: progress, options: QuizOptions(count: 5))
        tutor.press(.character("1"), .character(" "))
        tutor.press(.character("d"), .character(" "))
        #expect(tutor.quiz?.questionID == "activations-all")
        tutor.press(.enter)
        #expect(tutor.paragraphText.contains("Mark every right choice"))
        // Only sigmoid marked: one right choice missing is wrong.
        tutor.press(.character("1"), .enter)
        #expect(tutor.screenText.contains("✗ Not quite"))
        #expect(tutor.screenText.contains("The answer   1. sigmoid; 3. ReLU"))
    }

    @Test func enterReadsThePageThatTeachesItAndEscComesBack() throws {
        var (tutor, _) = F.quizTutor()
        tutor.press(.character("1"), .character(" "), .character("d"), .character(" "))
        #expect(tutor.quiz?.questionID == "activations-all")
        tutor.press(.character("1"), .character("3"), .enter)
        let before = try #require(tutor.quiz)
        let effects = tutor.press(.enter)
        guard case .reader(let reader) = tutor.screen else {
            Issue.record("Enter should open the page")
            return
        }
        #expect(reader.lesson.id == "neurons")
        #expect(reader.page == 1)
        #expect(tutor.screenLines[0].contains("page 2/2"))
        #expect(tutor.screenLines[23].contains("Esc back to quiz"))
        // Reading the page counts: the lesson is now finished.
        #expect(effects == [.record(.pageRead(lessonID: "neurons", page: 1, pageCount: 2, at: F.start))])
        #expect(tutor.progress["neurons"].finishedAt == F.start)
        tutor.press(.escape)
        #expect(tutor.quiz == before)
        #expect(tutor.screenText.contains("✓ Right"))
        // Esc from a lesson opened from home still goes home.
        tutor.press(.escape, .escape)
        guard case .home = tutor.screen else {
            Issue.record("Esc on the summary should go home, found \(tutor.screen)")
            return
        }
        tutor.press(.character("1"), .escape)
        guard case .home = tutor.screen else {
            Issue.record("Esc in a lesson opened from home should go home")
            return
        }
    }

    @Test func theDailyCapOnNewQuestionsHolds() throws {
        var progress = F.openedNeurons
        progress.settings.newPerDay = 2
        #expect(F.quizTutor(progress: progress).tutor.quiz?.queue.picked == 2)
        // Two started today already: no more new ones today, and the quiz says why.
        for id in ["sum-pick", "sum-number"] {
            progress.apply(.answered(AnswerRecord(questionID: id, lessonID: "neurons", answeredAt: F.start, seconds: 3, correct: true,
                                                  given: "1", grade: .good, kind: .choice, counts: true, source: .quiz)), calendar: F.utc)
        }
        var capped = F.quizTutor(progress: progress).tutor
        #expect(capped.quiz?.phase == .nothingToAsk)
        #expect(capped.paragraphText.contains("you have started 2 new questions today, the most a day"))
        capped.press(.character("a"))
        #expect(capped.quiz?.queue.picked == 5)
    }

    @Test func lessonCountAndAllOptionsChooseTheQuestions() throws {
        // --lesson asks a lesson's questions even when it was never opened.
        let later = F.quizTutor(options: QuizOptions(lessonID: "later")).tutor
        #expect(later.quiz?.questionID == "later-question")
        #expect(later.quiz?.queue.upcoming.isEmpty == true)
        #expect(later.screenLines[0].contains("Quiz · Later on"))
        // --count keeps the first N.
        let two = F.quizTutor(options: QuizOptions(count: 2)).tutor
        #expect(two.quiz?.queue.picked == 2)
        #expect(two.quiz?.queue.upcoming == ["sum-number"])
        // --all with nothing due asks every question of the opened lessons.
        var progress = F.openedNeurons
        var review = QuestionReview(lessonID: "neurons")
        review.schedule = ReviewScheduler(calendar: F.utc).schedule(after: nil, grade: .good, at: F.start)
        progress.questions["sum-pick"] = review
        let all = F.quizTutor(progress: progress, options: QuizOptions(ignoresSchedule: true)).tutor
        #expect(all.quiz?.questionID == "sum-number")
        #expect(all.quiz?.queue.upcoming == ["activations-all", "step-flat", "sigmoid-drill", "sum-pick"])
    }

    @Test func questionsThatLeftTheirLessonAreDroppedAndTheRestKept() throws {
        var progress = F.openedNeurons
        // Hard the day before: S = w₁ = 1.2931, so I = 1 day and it is due today.
        let schedule = ReviewScheduler(calendar: F.utc).schedule(after: nil, grade: .hard, at: F.start.addingTimeInterval(-F.day))
        progress.questions["sum-pick"] = QuestionReview(lessonID: "neurons", schedule: schedule)
        progress.questions["renamed-away"] = QuestionReview(lessonID: "neurons", schedule: schedule)
        progress.questions["of-a-broken-lesson"] = QuestionReview(lessonID: "backprop", schedule: schedule)
        let (tutor, effects) = F.quizTutor(progress: progress)
        #expect(tutor.progress.questions["renamed-away"] == nil)
        #expect(tutor.progress.questions["sum-pick"]?.schedule == schedule)
        #expect(tutor.progress.questions["of-a-broken-lesson"]?.schedule == schedule)
        #expect(effects == [.record(.questionsDropped(["renamed-away"]))])
        // sum-pick was due today, so it comes first, before the new questions.
        #expect(tutor.quiz?.questionID == "sum-pick")
    }

    @Test func noticesShowUntilTheFirstAnswerSinceHomeMayNeverAppear() throws {
        var tutor = Tutor(library: F.library, progress: F.openedNeurons,
                          notices: ["Your progress file could not be used: it is not valid progress JSON."],
                          colors: .palette256, glyphs: .unicode)
        tutor.now = F.start
        tutor.openQuiz(calendar: F.utc, seed: 1)
        #expect(tutor.paragraphText.contains("! Your progress file could not be used"))
        #expect(tutor.screenText.contains("What does a neuron add to its weighted inputs?"))
        tutor.press(.character("1"))
        #expect(!tutor.paragraphText.contains("could not be used"))
    }

    @Test func homeOpensTheQuizAndShowsWhatIsDue() throws {
        var tutor = Tutor(library: F.library, progress: F.openedNeurons, colors: .palette256, glyphs: .unicode)
        tutor.now = F.start
        // Never answered, so new, not due: home says it as `gradschool progress` does.
        #expect(tutor.screenLines.contains { $0.contains("Quiz") && $0.hasSuffix("5 new") })
        tutor.press(.end, .enter)
        #expect(tutor.quiz?.questionID == "sum-pick")
        tutor.press(.escape)
        guard case .home = tutor.screen else {
            Issue.record("Esc before any answer should go home")
            return
        }
    }

    @Test(arguments: [(60, 16), (80, 24), (100, 30)])
    func everyPhaseFitsTheTerminalWithItsKeys(width: Int, height: Int) throws {
        var (tutor, _) = F.quizTutor(width: width, height: height)
        func check(_ phase: String, _ key: String) {
            let lines = tutor.screenLines
            #expect(lines.count == height)
            #expect(lines.allSatisfy { displayWidth(of: $0) <= width }, "\(phase) overflows at \(width)×\(height)")
            #expect(lines[height - 1].contains(key), "\(phase) at \(width)×\(height) lacks '\(key)': \(lines[height - 1])")
            #expect(lines[height - 1].contains("quit"), "\(phase) at \(width)×\(height) lacks quit")
        }
        check("asking", "answer")
        tutor.press(.character("2"))
        check("answered", "next")
        tutor.press(.escape)
        check("summary", "home")
        tutor.press(.character("?"))
        #expect(tutor.screenText.contains("Keys: quiz") || height < 20)
    }
}

