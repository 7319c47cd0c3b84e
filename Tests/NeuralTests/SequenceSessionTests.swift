import Foundation
import Testing
@testable import Neural

/// The sequence run and its background session: a character model of the bundled names trains, measures
/// its held-out loss, writes names, stops on command, and stops by itself when the loss blows up.
@Suite struct SequenceSessionTests {
    static let names = try! SequenceExamples.lines(of: TextCorpus.names(), steps: 16)
    static let vocabulary = try! TextCorpus.names().lineVocabulary

    /// A small run: `layers` on the first 2,048 names, the last 128 held out.
    static func run(_ layers: String = "embed 8, lstm 16, dense 28", learningRate: Float = 0.01, optimizer: OptimizerKind = .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                    measureEvery: Int = 10, sampleEvery: Int = 10) -> SequenceRun {
        let network = try! ArchitectureDescription(parsing: layers).network(inputShape: [16], seed: 1, vocabularySize: 28)
        let trainer = SequenceTrainer(network: network, training: names.subset(Array(0..<2048)),
                                      configuration: TrainingConfiguration(epochs: Int.max, batchSize: 32, optimizer: optimizer,
                                                                           learningRate: learningRate, seed: 1))
        return SequenceRun(trainer: trainer, heldOut: names.subset(Array((names.count - 128)..<names.count)), vocabulary: vocabulary,
                           temperature: 0.8, probe: "emma", measureEvery: measureEvery, sampleEvery: sampleEvery)
    }

    @Test func stepsTrainExactlyTheBatchesAskedAndTraceTheLoss() {
        var run = Self.run()
        run.apply(.step(batches: 25))
        while run.hasWork { run.trainBatch() }
        #expect(run.trainer.stepCount == 25)
        #expect(!run.isPlaying)
        // A point every 10 steps: at 10 and 20.
        #expect(run.trace.map(\.step) == [10, 20])
        // Untrained, every one of 28 tokens is about equally likely: ln 28 ≈ 3.33 nats per letter.
        #expect(abs(run.trace[0].validation - Float(log(28.0))) < 0.4)
    }

    @Test func theHeldOutLossFallsBelowGuessing() {
        var run = Self.run(measureEvery: 50)
        run.apply(.step(batches: 150))
        while run.hasWork { run.trainBatch() }
        let last = run.trace.last!
        // Guessing uniformly costs ln 28 ≈ 3.33; letter frequencies alone already do better than 3.
        #expect(last.validation < 3.0)
        #expect(last.validation < run.trace[0].validation)
    }

    @Test func theReadingHasAStatePerLetterOrAnAttentionRowPerLetter() {
        var recurrent = Self.run()
        let reading = recurrent.read()
        #expect(reading.tokens == [CharacterVocabulary.start] + "emma".map { Self.vocabulary.id(of: $0)! })
        #expect(reading.hidden.count == 5)
        #expect(reading.hidden.allSatisfy { $0.count == 16 && $0.allSatisfy { abs($0) <= 1 } })
        #expect(reading.likeliest.count == 5)

        var transformer = Self.run("posembed 16 vocab 28, transformer 1 blocks 2 heads, layernorm, dense 28", learningRate: 0.003)
        transformer.apply(.read("ann"))
        let attention = transformer.read().attention
        #expect(attention.count == 2)
        for head in attention {
            #expect(head.count == 4)
            for (query, row) in head.enumerated() {
                // Causal: a letter reads only itself and the letters before it, and its weights sum to 1.
                #expect(abs(row.reduce(0, +) - 1) < 1e-4)
                #expect(row.dropFirst(query + 1).allSatisfy { $0 == 0 })
            }
        }
    }

    @Test func namesAreWrittenFromTheSeedAndChangeWithIt() {
        var first = Self.run(), second = Self.run()
        #expect(first.samples.count == 8)
        #expect(first.samples == second.samples)
        second.apply(.newSamples)
        #expect(second.sampleSeed == 2)
        #expect(first.samples != second.samples)
        // Every name is made of the vocabulary's letters.
        #expect(first.samples.allSatisfy { $0.allSatisfy { Self.vocabulary.id(of: $0) != nil } })
    }

    @Test func resetComesBackToTheFirstWeights() {
        var run = Self.run()
        let before = run.trainer.network.detachedCopy()
        run.apply(.step(batches: 12))
        while run.hasWork { run.trainBatch() }
        #expect(!run.trainer.network.hasSameParameters(as: before))
        run.apply(.reset)
        #expect(run.trainer.stepCount == 0)
        #expect(run.trace.isEmpty)
        #expect(run.trainer.network.hasSameParameters(as: before))
    }

    @Test func aLossFarAboveGuessingStopsTheRunAsDiverged() {
        // Adam at 30: every weight moves by up to 30 a step, and the loss climbs far past ln 28 ≈ 3.33.
        var run = Self.run(learningRate: 30)
        #expect(abs(run.divergenceLoss - 4 * Float(log(28.0))) < 1e-5)
        run.apply(.play)
        var batches = 0
        while run.hasWork && batches < 2000 { run.trainBatch(); batches += 1 }
        guard case .diverged(let divergence) = run.status else {
            Issue.record("the run did not diverge in \(batches) batches: \(run.status)")
            return
        }
        #expect(divergence.loss > run.divergenceLoss)
        #expect(divergence.learningRate == 30)
        #expect(!run.hasWork)
        // Playing again does nothing; reset starts over.
        run.apply(.play)
        #expect(!run.hasWork)
        run.apply(.reset)
        #expect(run.status == .training)
    }

    @Test func aLearningRateFarTooHighStopsTheRunAsDiverged() {
        var run = Self.run(learningRate: 1e6, optimizer: .sgd)
        run.apply(.play)
        var batches = 0
        while run.hasWork && batches < 500 { run.trainBatch(); batches += 1 }
        guard case .diverged(let divergence) = run.status else {
            Issue.record("the run did not diverge in \(batches) batches: \(run.status)")
            return
        }
        #expect(!run.isPlaying)
        #expect(!run.hasWork)
        #expect(divergence.learningRate == 1e6)
    }

    @Test func theSessionTrainsOnItsOwnThreadAndStops() {
        let session = SequenceSession(run: Self.run(measureEvery: 5))
        session.start()
        session.send(.play)
        let playing = session.wait(timeout: 30) { $0.training.stepCount >= 10 }
        #expect(playing.training.stepCount >= 10)
        #expect(playing.training.isPlaying)
        session.send(.pause)
        let paused = session.wait(timeout: 10) { !$0.training.isPlaying && $0.commandsDone == 2 }
        #expect(!paused.training.isPlaying)
        #expect(!paused.trace.isEmpty)
        // Paused, it takes no more steps.
        Thread.sleep(forTimeInterval: 0.1)
        #expect(session.latest.training.stepCount == paused.training.stepCount)
        session.send(.step(batches: 3))
        let stepped = session.wait(timeout: 10) { $0.commandsDone == 3 }
        #expect(stepped.training.stepCount == paused.training.stepCount + 3)
        session.stop()
        #expect(session.latest.commandsDone == 3)
    }
}
