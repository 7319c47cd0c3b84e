/// What the learner has entered so far for the question on screen: the choice under the cursor and the
/// choices marked, or the number being typed.
struct AnswerEntry: Equatable, Sendable {
    /// The longest number a learner can type.
    static let maximumLength = 24

    /// The choice under the cursor (0-based).
    var cursor = 0
    /// The choices marked, for questions where every right choice is marked.
    var marked: Set<Int> = []
    /// The number typed so far.
    var typed = ""
    /// Why the last `Enter` did not answer, shown under the entry; cleared by the next key.
    var problem: String?

    /// Types one character, if it can be part of a number.
    mutating func type(_ character: Character) -> Bool {
        guard NumberEntry.isNumberCharacter(character) else { return false }
        problem = nil
        if typed.count < Self.maximumLength { typed.append(character) }
        return true
    }

    mutating func deleteBackward() {
        problem = nil
        if !typed.isEmpty { typed.removeLast() }
    }

    /// Marks or unmarks a choice.
    mutating func toggle(_ choice: Int) {
        problem = nil
        if marked.contains(choice) { marked.remove(choice) } else { marked.insert(choice) }
    }
}
