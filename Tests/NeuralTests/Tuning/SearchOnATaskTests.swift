import Foundation
import Testing
@testable import Neural

/// Bayesian search against random search on a real training task rather than a formula: a 2-width-1
/// network on the noisy moons, the learning rate and the width searched, the held-out loss scored.
@Suite("Hyper-parameter search on a training task")
struct SearchOnATaskTests {
    /// Trains one trial for 20 epochs of plain gradient descent; the score is minus the held-out loss.
    static func objective(data: (training: Examples, validation: Examples)) -> @Sendable (Trial, SearchCancellation) -> TrialOutcome? {
        { trial, _ in
            let configuration = TrainingConfiguration(epochs: 20, batchSize: 10, loss: .binaryCrossEntropy, optimizer: .sgd,
                                                      learningRate: Float(trial.values[0]), seed: trial.seed)
            let network = Network(sizes: [2, Int(trial.values[1].rounded()), 1], activation: .tanh, outputActivation: .sigmoid, seed: trial.seed)
            var trainer = Trainer(network: network, training: data.training, validation: data.validation, configuration: configuration)
            trainer.train()
            guard trainer.status == .finished, let loss = trainer.history.last?.validationLoss, loss.isFinite else {
                return TrialOutcome(score: .nan)
            }
            return TrialOutcome(score: -Double(loss))
        }
    }

    static func moons(seed: UInt64) throws -> (training: Examples, validation: Examples) {
        let moons = try DatasetCatalog.dataset(named: "moons", samples: 200, noise: 0.3, seed: seed)
        let parts = moons.split(validationFraction: 0.25, testFraction: 0, seed: seed)
        let scaler = Scaler.standardization(fittedTo: parts.train.features)
        return (Examples(try scaler.apply(parts.train)), Examples(try scaler.apply(parts.validation)))
    }

    /// Over five seeds (each its own data and its own search), 16 trials each: the Bayesian search's best
    /// held-out loss is lower than random search's on average and in most seeds.
    @Test func bayesianSearchBeatsRandomSearchWithinTheSameTrials() throws {
        let space = try SearchSpace([
            SearchSetting(name: "learningRate", low: 0.001, high: 1, scale: .log),
            SearchSetting(name: "width", low: 1, high: 16, isInteger: true),
        ])
        var bayesianLosses: [Double] = [], randomLosses: [Double] = []
        for seed: UInt64 in 1...5 {
            let objective = Self.objective(data: try Self.moons(seed: seed))
            let bayesian = Search(space: space, method: .bayesian(BayesianOptions(initialTrials: 4, candidates: 500)), trials: 16, seed: seed)
            let random = Search(space: space, method: .random, trials: 16, seed: seed)
            bayesianLosses.append(-(try #require(bayesian.run(objective: objective).best).score))
            randomLosses.append(-(try #require(random.run(objective: objective).best).score))
        }
        let figures = "best held-out loss per seed, Bayesian \(bayesianLosses.map { String(format: "%.4f", $0) }) "
            + "random \(randomLosses.map { String(format: "%.4f", $0) })"
        print(figures)
        let wins = zip(bayesianLosses, randomLosses).filter { $0 < $1 }.count
        #expect(bayesianLosses.reduce(0, +) < randomLosses.reduce(0, +), "\(figures)")
        #expect(wins >= 3, "Bayesian wins \(wins) of 5: \(figures)")
    }
}
