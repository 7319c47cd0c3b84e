extension KeyHelp {
    /// The playground's keys.
    static let playground: [Binding] = [
        Binding(keys: "Space", action: "play or pause"),
        Binding(keys: "s  e", action: "step one batch, one epoch"),
        Binding(keys: "r  g", action: "reset the weights; new data (seed)"),
        Binding(keys: "↑ ↓  ← →", action: "choose a setting, change it"),
        Binding(keys: "1 … 7", action: "switch an input on or off"),
        Binding(keys: "] [  + -", action: "add/remove a layer, a neuron"),
        Binding(keys: "a", action: "next activation of the layer"),
        Binding(keys: "Tab", action: "settings or network (arrows pick a neuron)"),
        Binding(keys: "Enter  =", action: "in the network: pick a link, edit its weight"),
        Binding(keys: "< >  v", action: "chart cursor; charts, weights or metrics"),
        Binding(keys: "u", action: "after a divergence: suggested rate, reset"),
        Binding(keys: "w  o", action: "save model and settings; open either"),
        Binding(keys: "Esc", action: "back to home"),
    ]
}
