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
        KeyHelp.Binding(keys: "3 4 5", action: "after a right answer: hard, good, easy"),
        KeyHelp.Binding(keys: "Esc", action: "end the quiz and see the summary"),
    ]
}
