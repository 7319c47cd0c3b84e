/// How to read a CSV file into a dataset: which column holds the target and what problem it poses.
public struct CSVOptions: Sendable, Equatable {
    /// Where the target column is.
    public enum TargetColumn: Sendable, Equatable {
        /// The last column (the usual convention).
        case last
        /// The column at this position, counting from 0 (error messages count from 1, like editors).
        case index(Int)
        /// The column with this header name; needs a header row. Matched exactly, else ignoring case.
        case name(String)
    }

    /// Where the target column is; the last one unless told otherwise.
    public var targetColumn: TargetColumn
    /// The problem, or `nil` to infer it from the targets (see `CSVLoader`).
    public var problem: Problem?
    /// The dataset's name, or `nil` to use the file name without its extension.
    public var name: String?
    /// Names for the classes, used when their count matches the number of classes.
    public var classNames: [String]?
    /// The most distinct integer targets that are still read as classes rather than values.
    public var maximumClassCount: Int

    public init(
        targetColumn: TargetColumn = .last,
        problem: Problem? = nil,
        name: String? = nil,
        classNames: [String]? = nil,
        maximumClassCount: Int = 20
    ) {
        self.targetColumn = targetColumn
        self.problem = problem
        self.name = name
        self.classNames = classNames
        self.maximumClassCount = maximumClassCount
    }
}
