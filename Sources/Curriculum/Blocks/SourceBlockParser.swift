import Canvas
import EngineSource

/// Reads a ```` ```source NAME ```` block: an excerpt of the engine's own source (`Dropout.forward`, or a
/// type such as `Dropout` for its doc comment), shown as code under a line naming its file.
///
/// The excerpt is taken from the engine this program was built from, so the page shows the code that
/// trains beside it; a name that no longer exists is a lesson error, which `gradschool check` reports.
enum SourceBlockParser {
    static func parse(name: String, fenceLine: Int, issues: inout IssueList) -> MarkdownBlock? {
        guard !name.isEmpty else {
            issues.add(line: fenceLine, "a source block needs the name of a piece of the engine after 'source', "
                       + "such as ```source Dropout.forward (a type and one of its functions) or ```source Dropout (a type)")
            return nil
        }
        guard let excerpt = EngineSource.excerpt(named: name) else {
            issues.add(line: fenceLine, "the engine has no '\(name)' to show: it may have been renamed or removed; "
                       + "name a type and one of its members as they are spelt in the engine's source, such as Dropout.forward")
            return nil
        }
        return .code(language: "swift", text: "// \(excerpt.path), line \(excerpt.line): the code this program trains with\n" + excerpt.text)
    }
}
