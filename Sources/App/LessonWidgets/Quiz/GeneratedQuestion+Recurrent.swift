import Foundation
import Neural

// MARK: - Recurrent templates
//
// The answers come from the engine's activations (`Activation.tanh`, `Activation.sigmoid`), the functions
// its RNN and LSTM layers apply; the explanations write the same arithmetic out by hand.

extension GeneratedQuestion {
    /// One step of a one-unit RNN: h_t = tanh(w·x_t + u·h_{t−1} + b).
    static func rnnStep(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let x = draw.main(-2...2, step: 0.5, excluding: [0])
        let w = draw.value(-1.5...1.5, step: 0.5, excluding: [0])
        let u = draw.value(-1.5...1.5, step: 0.5, excluding: [0])
        let previous = draw.value(-0.9...0.9, step: 0.1, excluding: [0])
        let b = draw.value(-1...1, step: 0.5)
        let z = w * x + u * previous + b
        let h = Activation.tanh.value(at: z)
        return GeneratedQuestion(
            question: "A recurrent layer with one unit has input weight w = \(show(w)), recurrent weight u = \(show(u)) and bias b = \(show(b)). Its hidden state is h = \(show(previous)) when it reads x = \(show(x)). What is its new hidden state h = tanh(w·x + u·h + b)? (Two decimals are enough.)",
            answer: Double(h),
            explanation: "First the sum: w·x + u·h + b = \(show(w))·\(term(x)) + \(term(u))·\(term(previous)) + \(term(b)) = \(show(z, decimals: 3)). Then tanh squashes it into (−1, 1): tanh(\(show(z, decimals: 3))) = \(show(h, decimals: 3)). The same w, u and b are used at every step; only x and h change.")
    }

    /// The LSTM's new cell value c_t = f·c_{t−1} + i·g, from the gates' pre-activations.
    static func lstmCell(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let forget = draw.main(-3...3, step: 0.5)
        let input = draw.value(-3...3, step: 0.5)
        let candidate = draw.value(-0.9...0.9, step: 0.1, excluding: [0])
        let previous = draw.value(-2...2, step: 0.5, excluding: [0])
        let f = Activation.sigmoid.value(at: forget), i = Activation.sigmoid.value(at: input)
        let cell = f * previous + i * candidate
        return GeneratedQuestion(
            question: "In an LSTM unit the forget gate's pre-activation is \(show(forget)) and the input gate's is \(show(input)); the candidate is g = \(show(candidate)) and the old cell value c = \(show(previous)). What is the new cell value c' = f·c + i·g, with f and i the sigmoids of their pre-activations? (Two decimals are enough.)",
            answer: Double(cell), tolerance: 0.015,
            explanation: "f = σ(\(show(forget))) = \(show(f, decimals: 3)) and i = σ(\(show(input))) = \(show(i, decimals: 3)). Then c' = f·c + i·g = \(show(f, decimals: 3))·\(term(previous)) + \(show(i, decimals: 3))·\(term(candidate)) = \(show(cell, decimals: 3)). The forget gate decides how much of the old cell stays, the input gate how much of the candidate is written.")
    }
}
