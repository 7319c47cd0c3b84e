import Foundation

/// The ranges every stored value must fall in. Values outside them are refused where they enter (an
/// event, an imported file), so nothing out of range reaches the scheduler or the screens.
public enum ProgressLimits {
    /// Page indices.
    public static let pages: ClosedRange<Int> = 0...9_999
    /// Dates, as seconds since 1970: up to the year 2200.
    public static let dates: ClosedRange<Double> = 0...7_258_118_400
    /// Seconds an answer took (longer is counted as an hour).
    public static let seconds: ClosedRange<Double> = 0...3_600
    /// Length of a lesson or question id.
    public static let idLength: ClosedRange<Int> = 1...200
    /// Length of an answer as written in the log.
    public static let givenLength = 200
    /// Questions never seen before that a day's quizzes may bring in.
    public static let newPerDay: ClosedRange<Int> = 0...1_000

    /// Whether `id` can name a lesson or question.
    static func isValidID(_ id: String) -> Bool {
        idLength.contains(id.utf8.count) && !id.contains(where: { $0.isNewline })
    }
}
