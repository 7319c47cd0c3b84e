import Foundation

/// All lessons read from a directory or a list of files, with every problem found in them.
///
/// The library checks what no single file can: duplicate lesson ids, duplicate quiz ids across lessons,
/// `requires` entries that name no lesson, and links to lesson files that are not there. A lesson with any
/// problem is left out of `lessons`, so the tutor can still start and show a note for it.
public struct LessonLibrary: Equatable, Sendable {
    /// The sound lessons, in course order (`order`, then id).
    public var lessons: [Lesson]
    /// Every problem found, grouped by file in the order the files were read, then by line.
    public var issues: [LessonIssue]

    public init(lessons: [Lesson], issues: [LessonIssue]) {
        self.lessons = lessons
        self.issues = issues
    }

    /// The lesson with `id`, if it loaded.
    public func lesson(id: String) -> Lesson? { lessons.first { $0.id == id } }

    /// The files that had problems and were left out, in the order they were read.
    public var brokenFiles: [String] {
        var seen: Set<String> = []
        return issues.map(\.file).filter { seen.insert($0).inserted }
    }

    /// Reads the lesson files among `paths`: a directory contributes its `*.md` files except README.md,
    /// a file is read as given.
    /// The largest lesson file read: about 100 times the longest shipped lesson (10 KB).
    public static let maximumLessonBytes = 1 << 20

    public static func load(paths: [String]) -> LessonLibrary {
        var files: [String] = []
        var issues: [LessonIssue] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                issues.append(LessonIssue(file: path, line: 1, message: "no such file or directory: pass a lesson file or a directory of them"))
                continue
            }
            if isDirectory.boolValue {
                files += lessonFiles(in: path)
            } else {
                files.append(path)
            }
        }
        var sources: [(file: String, text: String)] = []
        for file in files {
            // A lesson is read, laid out and searched whole at every key: far beyond what any lesson
            // needs, it would make the tutor unusable, so it is refused before it is read.
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            if size > maximumLessonBytes {
                issues.append(LessonIssue(file: file, line: 1, message: "the file is \(size / 1024) KB, more than the \(maximumLessonBytes / 1024) KB "
                                          + "a lesson may have: split it into several lessons"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                issues.append(LessonIssue(file: file, line: 1, message: "cannot read the file: check that it exists and is readable"))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                issues.append(LessonIssue(file: file, line: 1, message: "the file is not UTF-8 text: save it as UTF-8"))
                continue
            }
            sources.append((file, text))
        }
        var library = build(sources: sources)
        library.issues = issues + library.issues
        return library
    }

    /// The lesson files in `directory`, sorted by name so `01-…` comes before `02-…`.
    public static func lessonFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names
            .filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" && !$0.hasPrefix(".") }
            .sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
    }

    /// Parses every source and runs the checks that span lessons.
    public static func build(sources: [(file: String, text: String)]) -> LessonLibrary {
        var parsed: [LessonParseResult] = sources.map { LessonParser.parse($0.text, file: $0.file) }

        // Duplicate lesson ids: the later file is reported, pointing at the earlier one.
        var firstFileForID: [String: String] = [:]
        var quizOwner: [String: (file: String, line: Int)] = [:]
        for index in parsed.indices {
            guard let lesson = parsed[index].lesson else { continue }
            if let first = firstFileForID[lesson.id] {
                parsed[index].issues.append(LessonIssue(
                    file: lesson.file, line: lesson.frontMatterLines["id"] ?? 1,
                    message: "duplicate lesson id '\(lesson.id)': \(first) uses it already; give each lesson its own id"))
            } else {
                firstFileForID[lesson.id] = lesson.file
            }
            for quiz in lesson.quizzes {
                if let owner = quizOwner[quiz.id] {
                    parsed[index].issues.append(LessonIssue(
                        file: lesson.file, line: quiz.line,
                        message: "duplicate quiz id '\(quiz.id)': \(owner.file):\(owner.line) uses it already; quiz ids must be unique across lessons"))
                } else {
                    quizOwner[quiz.id] = (lesson.file, quiz.line)
                }
            }
        }

        // Every `requires` entry must name a lesson that exists (sound or not) and not the lesson itself.
        let knownIDs = Set(firstFileForID.keys)
        for index in parsed.indices {
            guard let lesson = parsed[index].lesson else { continue }
            for (position, required) in lesson.requires.enumerated() {
                let line = position < lesson.requiresLines.count ? lesson.requiresLines[position] : 1
                if required == lesson.id {
                    parsed[index].issues.append(LessonIssue(file: lesson.file, line: line, message: "lesson '\(lesson.id)' requires itself: remove it from 'requires'"))
                } else if !knownIDs.contains(required) {
                    let known = knownIDs.sorted().joined(separator: ", ")
                    parsed[index].issues.append(LessonIssue(file: lesson.file, line: line, message: "requires '\(required)', but no lesson has that id; known ids: \(known)"))
                }
            }
        }

        // A link to another lesson's file must name a lesson file that is here.
        let fileNames = Set(sources.map { ($0.file as NSString).lastPathComponent })
        for (index, source) in sources.enumerated() {
            for link in LessonLinks.lessonFileLinks(in: source.text) {
                let name = (link.target as NSString).lastPathComponent
                guard !fileNames.contains(name) else { continue }
                let known = fileNames.sorted().joined(separator: ", ")
                parsed[index].issues.append(LessonIssue(
                    file: source.file, line: link.line,
                    message: "links to '\(link.target)', but no lesson file has that name: link to one of \(known)"))
            }
        }

        var lessons: [Lesson] = []
        var issues: [LessonIssue] = []
        for result in parsed {
            if result.issues.isEmpty, let lesson = result.lesson {
                lessons.append(lesson)
            }
            issues += result.issues.sorted { $0.line < $1.line }
        }
        lessons.sort { ($0.order, $0.id) < ($1.order, $1.id) }
        return LessonLibrary(lessons: lessons, issues: issues)
    }
}
