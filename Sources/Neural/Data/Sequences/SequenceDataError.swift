/// Why a text could not be turned into training sequences. Every message names the file (and the line
/// and column, counting from 1, where they are known) and ends with what to do about it.
public enum SequenceDataError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// The file's bytes are not UTF-8 text; `byteOffset` counts from 0.
    case notText(file: String, byteOffset: Int)
    /// The file holds no characters (or, read line by line, only blank lines).
    case emptyText(file: String)
    /// The text has fewer than two characters, so there is no character to predict from another.
    case tooFewCharacters(file: String, count: Int)
    /// A window of `context` steps needs `context + 1` characters, and the text (or one part of it) has fewer.
    case contextLongerThanData(file: String, context: Int, available: Int)
    /// A window must have at least one step.
    case contextTooShort(context: Int)
    /// A line does not fit in a window: a window holds the start token and `context − 1` characters.
    case lineLongerThanWindow(file: String, line: Int, length: Int, context: Int)
    /// A character of the text is not in the vocabulary (for example a model's vocabulary, learned from another text).
    case unknownCharacter(file: String, line: Int, column: Int, character: Character)
    /// A model's vocabulary differs from the vocabulary of the data it is asked to work on.
    case vocabularyMismatch(file: String, missing: [Character], extra: [Character], expectedSize: Int, foundSize: Int)
    /// A stored vocabulary could not be read back.
    case malformedVocabulary(file: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot be read (\(reason)): check that the path is right and the file is readable"
        case .notText(let file, let byteOffset):
            return "\(file): byte \(byteOffset) is not UTF-8 text: give a plain-text file (save it as UTF-8)"
        case .emptyText(let file):
            return "\(file): the file holds no text: a character model needs at least two characters to learn from, one line per example or running text"
        case .tooFewCharacters(let file, let count):
            return "\(file): the text has only \(count) character\(count == 1 ? "" : "s"): a character model learns to predict each character from the ones before it, "
                + "so it needs at least two; give a longer text"
        case .contextLongerThanData(let file, let context, let available):
            return "\(file): a context of \(context) characters needs at least \(context + 1) characters of text, but there are only \(available): "
                + "choose a context of at most \(max(available - 1, 1)), or give a longer text"
        case .contextTooShort(let context):
            return "a context of \(context) steps is not possible: a window needs at least 1 step; choose a context of 1 or more"
        case .lineLongerThanWindow(let file, let line, let length, let context):
            return "\(file):\(line): this line has \(length) characters, but a window of \(context) steps holds the start token and at most \(context - 1): "
                + "choose a context of at least \(length + 1), or split the text into blocks instead of lines"
        case .unknownCharacter(let file, let line, let column, let character):
            return "\(file):\(line):\(column): the character \(Self.shown(character)) is not in the vocabulary: "
                + "use a model trained on text with the same characters, or remove the character from the text"
        case .vocabularyMismatch(let file, let missing, let extra, let expectedSize, let foundSize):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("the model lacks \(Self.listed(missing))") }
            if !extra.isEmpty { parts.append("the model has \(Self.listed(extra)) that the data does not") }
            if parts.isEmpty { parts.append("the same characters are numbered in a different order") }
            return "\(file): the model's vocabulary (\(foundSize) tokens) does not match the data's (\(expectedSize) tokens): "
                + parts.joined(separator: ", and ") + "; train a model on this data, or give the data the model was trained on"
        case .malformedVocabulary(let file, let reason):
            return "\(file): the stored vocabulary cannot be read (\(reason)): save the model again with this version of gradschool"
        }
    }

    /// A character in quotes, with invisible ones named.
    static func shown(_ character: Character) -> String {
        switch character {
        case "\n": return "\"\\n\" (a line break)"
        case "\t": return "\"\\t\" (a tab)"
        case " ": return "\" \" (a space)"
        default:
            if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1, scalar.value < 0x20 || scalar.value == 0x7F {
                return "U+\(String(scalar.value, radix: 16, uppercase: true)) (a control character)"
            }
            return "\"\(character)\""
        }
    }

    /// Up to eight characters, shown, then how many more.
    static func listed(_ characters: [Character]) -> String {
        let shownPart = characters.prefix(8).map(shown).joined(separator: ", ")
        return characters.count > 8 ? "\(shownPart) and \(characters.count - 8) more" : shownPart
    }
}
