/// One problem found in a lesson file, reported as `file:line: message`.
public struct LessonIssue: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The lesson file, as it was given.
    public var file: String
    /// The 1-based line the problem is on.
    public var line: Int
    /// What is wrong and how to fix it.
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}
