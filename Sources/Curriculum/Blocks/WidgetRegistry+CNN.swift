extension WidgetRegistry {
    /// The `cnn` widget: a small convolutional network training live on the digits.
    static let cnnEntry = Entry(
        name: "cnn",
        summary: "a small CNN training live on the digits: its filters, the feature maps and pooled maps of a held-out digit, test accuracy and parameter counts",
        settings: [
            WidgetSetting("epochs", .integer(5...60), "epochs to train (15 unless given)"),
            WidgetSetting("caption", .text, "a line shown under the widget"),
        ])
}
