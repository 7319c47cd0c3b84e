/// The quiz's keys, as the help overlay lists them.
enum QuizKeyHelp {
    static let bindings: [KeyHelp.Binding] = [
        KeyHelp.Binding(keys: "1 … 9", action: "answer (or mark) that choice"),
        KeyHelp.Binding(keys: "↑ ↓  Enter", action: "move to a choice and answer"),
        KeyHelp.Binding(keys: "Space", action: "mark a choice (several may be right)"),
        KeyHelp.Binding(keys: "t  f", action: "true or false"),
        KeyHelp.Binding(keys: "d", action: "don't know: show the answer"),
        KeyHelp.Binding(keys: "Space  →", action: "after an answer: next question"),
        KeyHelp.Binding(keys: "Enter", action: "after an answer: its page; Esc back"),
        KeyHelp.Binding(keys: "h", action: "a hint, where the question has one"),
        KeyHelp.Binding(keys: "Esc", action: "end the quiz and see the summary"),
    ]
}
