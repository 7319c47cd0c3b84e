/// Why an architecture description such as `conv 8 3 pad 1, relu, maxpool 2, flatten, dense 10` cannot be
/// built. Every message quotes the description and points at the word that is wrong.
public struct ArchitectureError: Error, Equatable, CustomStringConvertible {
    /// The whole description.
    public var text: String
    /// Which layer (counting from 1) and which word inside the description.
    public var layer: Int
    public var word: String
    /// Where the word starts in `text`, in characters (for the pointer line).
    public var offset: Int
    /// What is wrong and what to do, as a sentence.
    public var problem: String

    public init(text: String, layer: Int, word: String, offset: Int, problem: String) {
        self.text = text
        self.layer = layer
        self.word = word
        self.offset = offset
        self.problem = problem
    }

    public var description: String {
        "in the model \"\(text)\", layer \(layer) at \"\(word)\": \(problem)\n  \(text)\n  "
            + String(repeating: " ", count: max(offset, 0)) + String(repeating: "^", count: max(word.count, 1))
    }
}
