/// The name of one live training run, chosen by the screen that starts it.
///
/// Snapshots come back under the same name, so a screen with several runs (a lesson page with two
/// widgets) tells them apart, and a snapshot for a run the screen no longer shows is easy to ignore.
/// Names are free text; by convention `playground` for the playground and `lesson:ID:N` for the
/// N-th widget of a lesson.
public struct LiveRunID: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral name: String) { self.name = name }

    public var description: String { name }
}
