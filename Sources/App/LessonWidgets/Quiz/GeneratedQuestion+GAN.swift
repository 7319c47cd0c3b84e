import Canvas
import Foundation
import Neural

// The GAN lesson's templates. Each answer comes from the engine's GAN loss (`GANLoss`); the explanations
// write the same arithmetic out by hand.
extension GeneratedQuestion {
    /// The logit whose sigmoid is `probability`: log(p / (1 − p)).
    static func logit(_ probability: Float) -> Float { Float(log(Double(probability) / (1 - Double(probability)))) }

    static func ganDiscriminatorLoss(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let real = draw.value(0.5...0.95, step: 0.05)
        let fake = draw.value(0.05...0.5, step: 0.05)
        var gradient = Matrix(rows: 2, columns: 1)
        // One real and one generated point: each mean is over one point, so L_D is the sum of the two terms.
        let loss = GANLoss.standard.discriminator(scores: Matrix([[logit(real)], [logit(fake)]]), realCount: 1, gradient: &gradient)
        let realTerm = -log(Double(real)), fakeTerm = -log(1 - Double(fake))
        return GeneratedQuestion(
            question: "A discriminator says a real point is real with probability D(x) = \(show(real)) and a generated point is real with probability D(G(z)) = \(show(fake)). What is its loss L_D = −log D(x) − log(1 − D(G(z))) on this pair (natural logarithm)?",
            answer: Double(loss), tolerance: 0.01,
            explanation: "L_D = −log \(show(real)) − log(1 − \(show(fake))) = \(NumberText.trimmed(realTerm, decimals: 3)) + \(NumberText.trimmed(fakeTerm, decimals: 3)) = \(show(loss, decimals: 3)). A perfect discriminator (1 and 0) would score 0; one that cannot tell (½ and ½) scores 2·log 2 ≈ 1.386.")
    }

    static func ganOptimalDiscriminator(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let realDensity = draw.value(0.1...2, step: 0.1)
        let generatedDensity = draw.value(0.1...2, step: 0.1)
        let best = GANLoss.optimalRealness(realDensity: Double(realDensity), generatedDensity: Double(generatedDensity)) ?? 0.5
        return GeneratedQuestion(
            question: "At a point x the real data has density p_data(x) = \(show(realDensity)) and the generator's points have density p_g(x) = \(show(generatedDensity)). What does the best possible discriminator answer there?",
            answer: best, tolerance: 0.005,
            explanation: "For a fixed generator the best discriminator is D*(x) = p_data / (p_data + p_g) = \(show(realDensity)) / (\(show(realDensity)) + \(show(generatedDensity))) = \(NumberText.trimmed(best, decimals: 3)): the share of the points found at x that are real. Where the generator matches the data the two densities are equal and D* = 0.5.")
    }

    static func ganGeneratorSlope(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let score = draw.value(-4...4, step: 0.1, excluding: [0])
        var gradient = Matrix(rows: 1, columns: 1)
        _ = GANLoss.standard.generator(scores: Matrix([[score]]), gradient: &gradient)
        let slope = gradient[0, 0]
        let probability = 1 / (1 + exp(-Double(score)))
        return GeneratedQuestion(
            question: "The discriminator gives a generated point the score d = \(show(score, decimals: 1)), so it calls it real with probability σ(d). What is the slope ∂L_G/∂d of the generator's non-saturating loss L_G = −log σ(d) at this point?",
            answer: Double(slope), tolerance: 0.005,
            explanation: "∂L_G/∂d = σ(d) − 1 = \(NumberText.trimmed(probability, decimals: 3)) − 1 = \(show(slope, decimals: 3)). The more surely the discriminator rejects the point (d very negative), the closer the slope is to −1: the generator learns most where it is worst. The saturating loss log(1 − σ(d)) would have slope −σ(d) = \(NumberText.trimmed(-probability, decimals: 3)) here, nearly 0 for a rejected point.")
    }
}
