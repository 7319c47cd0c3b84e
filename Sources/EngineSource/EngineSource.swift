/// The engine's own source code, embedded when the program is built, and named excerpts of it.
///
/// A lesson shows `Dropout.forward` (a member of a type) or `Dropout` (a type's doc comment and
/// declaration) as the code that trains beside the page; the text always matches the binary because it is
/// taken from the same files at build time.
public enum EngineSource {
    /// How many engine files are embedded.
    public static var fileCount: Int { files.count }

    /// The text of the engine file at `path` (such as `Layers/Dropout.swift`), or `nil`.
    public static func file(_ path: String) -> String? {
        files.first { $0.path == path }?.text
    }

    /// The excerpt called `name`: `Type.member` for a function, property or initialiser with its doc
    /// comment and body, or `Type` for a type's doc comment and first line. `nil` when there is none.
    public static func excerpt(named name: String) -> SourceExcerpt? {
        SourceExcerptFinder.find(name, in: files)
    }
}

/// One embedded engine file.
struct EngineSourceFile: Sendable {
    let path: String
    let text: String
}

/// A named piece of the engine's source, ready to be shown.
public struct SourceExcerpt: Equatable, Sendable {
    public let name: String
    /// The file inside the engine's folder, such as `Layers/Dropout.swift`.
    public let path: String
    /// The line of the file where the excerpt starts, counting from 1.
    public let line: Int
    /// The lines, with their common indentation removed.
    public let text: String
}
