extension WidgetRegistry {
    /// The recurrent lesson's widgets: a character model of names, and the gradient reaching earlier steps.
    static let namesEntry = Entry(
        name: "names", summary: "a small LSTM learning names live: reading one letter by letter, or writing new ones at a temperature",
        settings: [
            WidgetSetting("show", .choice(["reading", "generating"]), "read a name letter by letter (hidden state, gates, next-letter guesses), or write new names"),
            WidgetSetting("name", .text, "the name it reads first (emma unless given); n moves through others"),
            WidgetSetting("temperature", .number(0.2...2), "the temperature names are written at (1 unless given)"),
            WidgetSetting("caption", .text, "a line shown under the widget"),
        ])

    static let vanishingEntry = Entry(
        name: "vanishing", summary: "the gradient reaching each earlier step, a plain RNN against an LSTM, on the copy task after N steps",
        settings: [
            WidgetSetting("delay", .integer(1...30), "N: the blanks between the digit and = (10 unless given)"),
            WidgetSetting("forgetBias", .number(0...3), "the LSTM's forget-gate bias to start from: 0, 1 or 3 (0 unless given)"),
            WidgetSetting("caption", .text, "a line shown under the widget"),
        ])
}
