/// How a quiz picks its questions: `gradschool quiz --lesson ID --count N --all`.
public struct QuizOptions: Equatable, Sendable {
    /// How many questions a quiz asks when the learner does not say.
    public static let defaultCount = 10

    /// Only this lesson's questions (even if the lesson was never opened); nil for every opened lesson.
    public var lessonID: String?
    /// At most this many questions; nil for `defaultCount`, or for all with `ignoresSchedule`.
    public var count: Int?
    /// Ask questions that are not due yet too.
    public var ignoresSchedule: Bool

    public init(lessonID: String? = nil, count: Int? = nil, ignoresSchedule: Bool = false) {
        self.lessonID = lessonID
        self.count = count
        self.ignoresSchedule = ignoresSchedule
    }

    /// The most questions to pick, nil for no limit.
    var limit: Int? { count ?? (ignoresSchedule ? nil : Self.defaultCount) }
}
