import Foundation

extension SequenceExamples {
    /// Forecasting a noisy sine wave: read the wave so far, predict its next value.
    ///
    /// Each example is its own wave, xₜ = sin(2π t / P + φ) + σ εₜ for t = 0 … `steps`, with a
    /// period P drawn uniformly from `periods` (in steps), a phase φ uniformly from [0, 2π), and εₜ
    /// standard normal noise scaled by σ = `noise`. Inputs are x₀ … x_{T−1} and targets x₁ … x_T, every
    /// step masked in. The noise cannot be predicted, so even a perfect forecaster keeps a mean squared
    /// error of about σ².
    ///
    /// Sizes below 1 count as 1, a noise below 0 or NaN as 0, and periods are kept at 2 steps or more.
    public static func sineForecast(
        count: Int, steps: Int, noise: Double = 0.1, periods: ClosedRange<Double> = 12...30, seed: UInt64
    ) -> SequenceExamples {
        let count = max(count, 0)
        let steps = max(steps, 1)
        let noise = noise.isNaN ? 0 : max(noise, 0)
        let shortest = max(periods.lowerBound.isFinite ? periods.lowerBound : 2, 2)
        let longest = max(periods.upperBound.isFinite ? periods.upperBound : shortest, shortest)
        var random = RandomSource(seed: seed)
        var inputs = Matrix(rows: count, columns: steps)
        var targets = Matrix(rows: count, columns: steps)
        var wave = [Float](repeating: 0, count: steps + 1)
        for row in 0..<count {
            let period = shortest + (longest - shortest) * Double(random.nextUnitFloat())
            let phase = 2 * Double.pi * Double(random.nextUnitFloat())
            for t in 0...steps {
                wave[t] = Float(sin(2 * Double.pi * Double(t) / period + phase)) + Float(noise) * random.normal()
            }
            for step in 0..<steps {
                inputs[row, step] = wave[step]
                targets[row, step] = wave[step + 1]
            }
        }
        return SequenceExamples(name: "sine forecast", inputs: inputs, targets: targets,
                                mask: Matrix(rows: count, columns: steps, repeating: 1), vocabularySize: nil)
    }
}
