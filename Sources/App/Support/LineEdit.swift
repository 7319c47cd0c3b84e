/// What a key does to a line the learner is typing (a file name, a weight, a name to read): the keys
/// of a shell's prompt, shared by every screen that asks for a line.
enum LineEdit: Equatable {
    /// The text changed (a character typed or removed, or the line cleared).
    case changed
    /// Esc: the line is given up.
    case cancelled
    /// Enter: the line is done.
    case submitted
    /// A key that means nothing while typing.
    case ignored

    /// Applies `key` to `text`: characters are added, Backspace and Delete remove the last one, Ctrl-U
    /// clears the line.
    static func apply(_ key: Key, to text: inout String) -> LineEdit {
        switch key {
        case .escape: return .cancelled
        case .enter: return .submitted
        case .backspace, .delete:
            if !text.isEmpty { text.removeLast() }
            return .changed
        case .control("u"):
            text = ""
            return .changed
        case .character(let character):
            text.append(character)
            return .changed
        default:
            return .ignored
        }
    }

    /// Applies `key` to the text of the open `prompt`: it stays open while the learner types, closes on Esc
    /// and Enter, and the prompt Enter finished is handed back (nil for every other key, or with no prompt).
    static func edit<Prompt>(_ key: Key, _ prompt: inout Prompt?, text: WritableKeyPath<Prompt, String>) -> Prompt? {
        guard var current = prompt else { return nil }
        switch apply(key, to: &current[keyPath: text]) {
        case .changed: prompt = current
        case .cancelled: prompt = nil
        case .submitted:
            prompt = nil
            return current
        case .ignored: break
        }
        return nil
    }
}
