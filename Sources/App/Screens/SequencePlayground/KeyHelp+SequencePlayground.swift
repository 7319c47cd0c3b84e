extension KeyHelp {
    /// The sequence mode's keys.
    static let sequencePlayground: [Binding] = [
        Binding(keys: "Space", action: "play or pause"),
        Binding(keys: "s  r", action: "step one batch; reset the weights"),
        Binding(keys: "↑ ↓  ← →", action: "choose a setting, change it"),
        Binding(keys: "< >  n", action: "the name read; type a name"),
        Binding(keys: "Enter", action: "write new names"),
        Binding(keys: "u", action: "after a divergence: suggested rate, reset"),
        Binding(keys: "w  o", action: "save model and settings; open either"),
        Binding(keys: "Esc", action: "back to home"),
    ]
}
