/// The tokens of a character-level model: every distinct character of a text gets a whole number, its
/// token id, and two ids are kept for tokens that are not characters.
///
/// Ids are fixed as follows, so a model's first rows always mean the same thing:
/// - `padding` (0) fills a window after its text ends. A padded position is left out of the loss, so
///   nothing is ever trained to predict it.
/// - `boundary` (1) marks where a line starts and where it ends: a window begins with it, and after the
///   last character the model should predict it ("the name is over"). One token serves for both, as in
///   character-level name models, because the start is never predicted and the end is never read.
///   `start` and `end` are both this id.
/// - the characters of the text, sorted by their Unicode order, from 2 on.
///
/// For `names.txt` that gives 26 letters + 2 = 28 tokens. A character is a Swift `Character` (what a
/// reader sees as one letter), so "é" is one token however it is encoded.
public struct CharacterVocabulary: Sendable, Equatable, Hashable {
    /// The characters, in token order: `characters[i]` has id `i + CharacterVocabulary.firstCharacter`.
    public let characters: [Character]
    private let ids: [Character: Int]

    /// The id that fills a window after the text ends; never a target.
    public static let padding = 0
    /// The id that begins every line's window and follows its last character.
    public static let boundary = 1
    /// The id a line starts with (the same as `boundary`).
    public static let start = boundary
    /// The id that follows a line's last character (the same as `boundary`).
    public static let end = boundary
    /// The id of the first character.
    public static let firstCharacter = 2

    /// The number of token ids: the characters and the two special tokens.
    public var count: Int { characters.count + Self.firstCharacter }

    /// The vocabulary of every character that occurs in `text`, sorted. Line breaks count as characters
    /// (running text needs them); text read line by line never contains one.
    public init<Text: Sequence>(of text: Text) where Text.Element == Character {
        self.init(sortedCharacters: Set(text).sorted())
    }

    /// The vocabulary of every character that occurs in any of `lines`, sorted.
    public init(lines: [String]) {
        var seen = Set<Character>()
        for line in lines { seen.formUnion(line) }
        self.init(sortedCharacters: seen.sorted())
    }

    private init(sortedCharacters: [Character]) {
        characters = sortedCharacters
        var ids: [Character: Int] = [:]
        for (index, character) in sortedCharacters.enumerated() { ids[character] = index + Self.firstCharacter }
        self.ids = ids
    }

    /// The id of `character`, or nil when the vocabulary does not have it.
    public func id(of character: Character) -> Int? { ids[character] }

    /// What token `id` stands for: its character, or "." for the boundary, "_" for padding and "?" for
    /// an id outside the vocabulary.
    public func symbol(for id: Int) -> String {
        switch id {
        case Self.padding: return "_"
        case Self.boundary: return "."
        case Self.firstCharacter..<count: return String(characters[id - Self.firstCharacter])
        default: return "?"
        }
    }

    /// The ids of the characters of `text`, with no boundary tokens added.
    ///
    /// - Throws: `.unknownCharacter` naming the line and column of the first character the vocabulary
    ///   lacks; `file` is the name used in that message.
    public func encode(_ text: String, file: String = "text") throws(SequenceDataError) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(text.count)
        var line = 1
        var column = 1
        for character in text {
            guard let id = ids[character] else {
                throw .unknownCharacter(file: file, line: line, column: column, character: character)
            }
            result.append(id)
            if character == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return result
    }

    /// The text that `ids` spell. Padding and boundary tokens are left out, as are ids outside the
    /// vocabulary, so a generated line decodes to just its characters.
    public func decode<IDs: Sequence>(_ ids: IDs) -> String where IDs.Element == Int {
        var text = ""
        for id in ids where id >= Self.firstCharacter && id < count {
            text.append(characters[id - Self.firstCharacter])
        }
        return text
    }

    /// The vocabulary as one string, its characters in token order, to be stored beside a model's weights.
    public var serialized: String { String(characters) }

    /// The vocabulary stored as `serialized`.
    ///
    /// - Throws: `.malformedVocabulary` when a character occurs twice or the characters are not sorted,
    ///   which a stored vocabulary never is unless the file was changed; `file` names the model file.
    public init(serialized: String, file: String) throws(SequenceDataError) {
        let characters = Array(serialized)
        for (previous, next) in zip(characters, characters.dropFirst()) where !(previous < next) {
            throw .malformedVocabulary(file: file, reason: previous == next
                ? "the character \(SequenceDataError.shown(next)) occurs twice"
                : "the characters are not in order at \(SequenceDataError.shown(next))")
        }
        self.init(sortedCharacters: characters)
    }

    /// Checks that a model's vocabulary (`self`, read from `modelFile`) is the one `data` needs.
    ///
    /// - Throws: `.vocabularyMismatch` listing the characters the model lacks and those it has in excess.
    public func checkMatches(_ data: CharacterVocabulary, modelFile: String) throws(SequenceDataError) {
        guard self != data else { return }
        let mine = Set(characters)
        let theirs = Set(data.characters)
        throw .vocabularyMismatch(
            file: modelFile,
            missing: data.characters.filter { !mine.contains($0) },
            extra: characters.filter { !theirs.contains($0) },
            expectedSize: data.count, foundSize: count)
    }

    public static func == (lhs: CharacterVocabulary, rhs: CharacterVocabulary) -> Bool {
        lhs.characters == rhs.characters
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(characters) }
}
