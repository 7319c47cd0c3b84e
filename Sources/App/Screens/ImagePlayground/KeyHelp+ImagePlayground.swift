extension KeyHelp {
    /// The image playground's keys.
    static let imagePlayground: [Binding] = [
        Binding(keys: "Space", action: "play or pause"),
        Binding(keys: "s  e", action: "step one batch, one epoch"),
        Binding(keys: "r  u", action: "reset; after a divergence, reset with the suggested rate"),
        Binding(keys: "↑ ↓  ← →", action: "choose a setting, change it"),
        Binding(keys: "] [", action: "add/remove a conv block"),
        Binding(keys: "+ -  c", action: "filters, kernel size of the shown block"),
        Binding(keys: "b", action: "show the next block's filters and maps"),
        Binding(keys: "n p  x", action: "next/previous test digit; next wrong one"),
        Binding(keys: "w  o", action: "save model and settings; open either"),
        Binding(keys: "d  t", action: "the dense playground; the sequence mode (names)"),
        Binding(keys: "Esc", action: "back to home"),
    ]
}
