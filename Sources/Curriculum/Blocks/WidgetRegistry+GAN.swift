extension WidgetRegistry {
    /// The `gan` widget: the GAN arena of the lesson on generative adversarial networks.
    static let ganEntry = Entry(
        name: "gan", summary: "a GAN's two players training live: the discriminator's map, real and generated points, the generator's pushes",
        settings: [
            WidgetSetting("distribution", .choice(["ring", "line", "moons", "spiral"]), "the points to imitate (t cycles through them)"),
            WidgetSetting("preset", .choice(["balanced", "collapse"]), "learning rates that spread over the target, or a discriminator so strong the generator collapses onto a few modes"),
            WidgetSetting("loss", .choice(["bce", "least-squares"]), "binary cross-entropy with the non-saturating generator loss, or least squares"),
            WidgetSetting("discriminatorSteps", .integer(1...5), "k: discriminator steps per generator step"),
            WidgetSetting("caption", .text, "a line shown under the widget"),
        ])
}
