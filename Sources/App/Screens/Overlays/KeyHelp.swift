/// The keys of each screen, as the help overlay lists them.
enum KeyHelp {
    /// One line of help: the keys and what they do.
    struct Binding: Equatable {
        var keys: String
        var action: String
    }

    static let home: [Binding] = [
        Binding(keys: "↑ ↓  k j", action: "choose an entry"),
        Binding(keys: "Enter  →", action: "open it"),
        Binding(keys: "1 … 9", action: "open lesson by number"),
        Binding(keys: "Home End", action: "first or last entry"),
        Binding(keys: "wheel, click", action: "choose; click again to open"),
    ]

    static let reader: [Binding] = [
        Binding(keys: "n  →", action: "next page"),
        Binding(keys: "p  ←", action: "previous page"),
        Binding(keys: "↑ ↓  k j", action: "scroll a line"),
        Binding(keys: "PgUp PgDn", action: "scroll a screen"),
        Binding(keys: "Space", action: "read on: scroll, then next page"),
        Binding(keys: "Home End", action: "top or bottom of the page"),
        Binding(keys: "t", action: "table of contents"),
        Binding(keys: "Tab", action: "use the page's widgets, one after another"),
        Binding(keys: "Esc", action: "leave a widget; again: back to home"),
    ]

    static let everywhere: [Binding] = [
        Binding(keys: "?", action: "this help"),
        Binding(keys: "m", action: "mouse on/off (off: select text)"),
        Binding(keys: "Ctrl-Z", action: "suspend; 'fg' to come back"),
        Binding(keys: "q", action: "quit"),
    ]

    /// The bindings for `screen`, then those that work everywhere.
    static func bindings(for screen: Screen) -> [Binding] {
        switch screen {
        case .home: home + everywhere
        case .reader: reader + everywhere
        case .quiz: QuizKeyHelp.bindings + everywhere
        case .playground: playground + everywhere.filter { $0.keys != "Ctrl-Z" }
        case .sequencePlayground: sequencePlayground + everywhere.filter { $0.keys != "Ctrl-Z" }
        case .imagePlayground: imagePlayground + everywhere.filter { $0.keys != "Ctrl-Z" }
        }
    }

    /// The ASCII spelling of the key names, for terminals without Unicode.
    static func asciiKeys(_ keys: String) -> String {
        keys.replacingArrows
    }
}

extension String {
    fileprivate var replacingArrows: String {
        var result = ""
        for character in self {
            switch character {
            case "↑": result += "Up"
            case "↓": result += "Down"
            case "←": result += "Left"
            case "→": result += "Right"
            case "…": result += ".."
            default: result.append(character)
            }
        }
        return result
    }
}
