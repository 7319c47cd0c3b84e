import Testing
import _AllocationCounter
@testable import Neural

@Suite("Parameters, shapes and copies of any layer")
struct LayerParameterTests {
    @Test func aDenseLayerNamesItsTensorsAsPyTorchDoes() {
        let layer = Dense(weights: Matrix([[1, 2, 3], [4, 5, 6]]), bias: [7, 8])
        #expect(layer.parameters.map(\.name) == ["weight", "bias"])
        #expect(layer.parameters.map(\.shape) == [[2, 3], [2]])
        #expect(layer.parameters[0].values.elements == [1, 2, 3, 4, 5, 6])
        #expect(layer.parameterCount == 8)
        #expect(layer.parameters.allSatisfy { $0.isTrainable })
        #expect(layer.parameters.map(\.isPenalised) == [true, false])
    }

    @Test func theOptimizerStateFollowsTheParameterList() {
        let network = Network(sizes: [3, 4, 2], activation: .relu, outputActivation: .identity, seed: 1)
        // Dense(3 → 4): 12 + 4, relu: none, Dense(4 → 2): 8 + 2.
        #expect(network.parameterTensorSizes == [12, 4, 8, 2])
        #expect(network.parameterCount == 26)
        #expect(network.stateTensors.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
    }

    @Test func shapesTravelThroughTheLayers() {
        let network = Network(sizes: [2, 8, 1], activation: .tanh, outputActivation: .sigmoid, seed: 1)
        #expect(network.shapes.map(\.description) == ["2", "8", "8", "1", "1"])
        #expect(TensorShape([1, 8, 8]).description == "1×8×8")
        #expect(TensorShape([1, 8, 8]).count == 64)
    }

    @Test func layersThatDoNotChainAreRefusedWithASentence() {
        #expect(throws: NetworkShapeError.mismatch(index: 1, layer: "Dense(3 → 1)", takes: [3], previous: "Dense(2 → 4)", gives: [4])) {
            _ = try Network(checking: [Dense(weights: Matrix(rows: 4, columns: 2), bias: [0, 0, 0, 0]),
                                       Dense(weights: Matrix(rows: 1, columns: 3), bias: [0])])
        }
        let error = NetworkShapeError.mismatch(index: 1, layer: "Dense(3 → 1)", takes: [3], previous: "Dense(2 → 4)", gives: [4])
        #expect(error.description == "layer 1 (Dense(3 → 1)) takes examples of 3, but layer 0 (Dense(2 → 4)) gives 4: "
                + "change one of them so the shapes chain")
        #expect(throws: NetworkShapeError.empty) { _ = try Network(checking: []) }
    }

    /// The check stays on in release builds (which drop `precondition`): a wrong input stops the process
    /// instead of reading past a buffer.
    @Test func aWrongInputWidthStopsTheProcess() async {
        await #expect(processExitsWith: .failure) {
            var network = Network(sizes: [2, 3, 1], activation: .tanh, outputActivation: .identity, seed: 1)
            network.forward(Matrix(rows: 1, columns: 5), mode: .evaluation)
        }
        await #expect(processExitsWith: .failure) {
            var layer = Dense(weights: Matrix(rows: 3, columns: 2), bias: [0, 0, 0])
            layer.forward(Matrix(rows: 1, columns: 4), mode: .evaluation)
        }
    }

    @Test func aDetachedCopySharesNoStorage() {
        let network = Network(sizes: [2, 3, 1], activation: .tanh, outputActivation: .identity, seed: 1)
        let copy = network.detachedCopy()
        for (a, b) in zip(network.layers, copy.layers) {
            for (p, q) in zip(a.parameters, b.parameters) {
                #expect(p.values == q.values)
                p.values.storage.withUnsafeBufferPointer { x in
                    q.values.storage.withUnsafeBufferPointer { y in #expect(x.baseAddress != y.baseAddress) }
                }
            }
        }
        let matrix = Matrix([[1, 2], [3, 4]])
        matrix.storage.withUnsafeBufferPointer { x in
            matrix.elements.withUnsafeBufferPointer { y in #expect(x.baseAddress != y.baseAddress) }
        }
    }

    /// A screen takes a snapshot 60 times a second; the training steps after it must still allocate nothing.
    @Test(.enabled(if: gs_thread_allocation_count() >= 0,
                   "allocation counting is unavailable: it needs glibc, and a sanitizer build replaces malloc itself"))
    func aStepAfterASnapshotAllocatesNothing() throws {
        let data = TrainingTests.spiral(count: 200, seed: 1)
        var trainer = Trainer(network: Network(sizes: [2, 8, 8, 1], activation: .tanh, outputActivation: .sigmoid, dropout: 0.1, seed: 1),
                              training: data, configuration: TrainingConfiguration(epochs: 10, batchSize: 10, loss: .binaryCrossEntropy,
                                                                                   optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)))
        trainer.trainEpoch()
        var total = 0
        var snapshots: [TrainingSnapshot] = []
        for _ in 0..<5 {
            snapshots.append(trainer.snapshot())
            let before = gs_thread_allocation_count()
            trainer.step()
            total += gs_thread_allocation_count() - before
        }
        #expect(total == 0, "\(total) allocations in 5 steps right after snapshots")
        #expect(snapshots[0].network.layers[0].weights != trainer.network.layers[0].weights, "the snapshot kept its own weights")
    }

    /// With early stopping, the step that ends an epoch saves the best weights so far: after the first save,
    /// into the buffers it already has.
    @Test(.enabled(if: gs_thread_allocation_count() >= 0,
                   "allocation counting is unavailable: it needs glibc, and a sanitizer build replaces malloc itself"))
    func anEpochEndingStepThatSavesTheBestWeightsAllocatesNothing() throws {
        let data = TrainingTests.spiral(count: 100, seed: 1)
        // No validation set: the training loss is watched, and it keeps improving, so every epoch saves.
        var trainer = Trainer(network: Network(sizes: [2, 8, 1], activation: .tanh, outputActivation: .sigmoid, seed: 1),
                              training: data, configuration: TrainingConfiguration(epochs: 50, batchSize: 10, loss: .binaryCrossEntropy,
                                                                                   optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                                                                                   learningRate: 0.01, patience: 3, shuffle: false))
        trainer.trainEpoch()
        trainer.trainEpoch()
        var saves = 0, allocations = 0
        for _ in 0..<5 {
            let lossBefore = trainer.history.last!.trainingLoss
            let before = gs_thread_allocation_count()
            let record = trainer.trainEpoch()
            allocations += gs_thread_allocation_count() - before
            if let record, record.trainingLoss < lossBefore { saves += 1 }
        }
        #expect(saves >= 3, "the test needs epochs that save the best weights")
        #expect(allocations == 0, "\(allocations) allocations in 5 epochs that saved the best weights \(saves) times")
    }

    /// The digits CNN after its first epochs: steps after a snapshot, and epochs that end by saving the best
    /// weights (the training loss watched), allocate nothing.
    @Test(.enabled(if: gs_thread_allocation_count() >= 0,
                   "allocation counting is unavailable: it needs glibc, and a sanitizer build replaces malloc itself"))
    func aConvolutionalTrainingStepAllocatesNothing() throws {
        let digits = try Dataset.digits()
        let network = try ArchitectureDescription(parsing: ArchitectureDescriptionTests.digits + ", softmax").network(inputShape: [1, 8, 8], seed: 1)
        var trainer = Trainer(network: network, training: Examples(digits.subset(Array(0..<200))),
                              configuration: TrainingConfiguration(epochs: 100, batchSize: 32, loss: .crossEntropy,
                                                                   optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                                                                   learningRate: 0.003, patience: 50))
        trainer.trainEpoch()
        trainer.trainEpoch()
        // Epochs that end by saving the best weights.
        var before = gs_thread_allocation_count()
        for _ in 0..<3 { trainer.trainEpoch() }
        var allocations = gs_thread_allocation_count() - before
        // Steps right after snapshots (inside an epoch: the epoch's record is appended to a history the
        // snapshot shares, which copies its unfinished chunk once, by design of `EpochHistory`).
        var snapshots: [TrainingSnapshot] = []
        for _ in 0..<5 {
            snapshots.append(trainer.snapshot())
            before = gs_thread_allocation_count()
            trainer.step()
            allocations += gs_thread_allocation_count() - before
        }
        #expect(trainer.status == .training)
        #expect(allocations == 0, "\(allocations) allocations in 3 epochs and 5 steps after snapshots of a CNN")
    }
}
