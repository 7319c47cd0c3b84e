import Testing
@testable import Neural

@Suite("Scaling and one-hot encoding")
struct DataPreprocessingTests {
    @Test func standardisationUsesTrainingMeanAndPopulationDeviation() throws {
        // Column 1: 1, 3, 5 has mean 3 and σ = √((4 + 0 + 4) / 3) = √(8/3). Column 2 is constant.
        let training = Matrix([[1, 10], [3, 10], [5, 10]])
        let scaler = Scaler.standardization(fittedTo: training)
        let sigma = Float((8.0 / 3.0).squareRoot())
        #expect(scaler.kind == .standardization)
        #expect(scaler.offsets == [3, 10])
        #expect(abs(scaler.scales[0] - sigma) < 1e-6)
        #expect(scaler.scales[1] == 1)
        let scaled = try scaler.apply(training)
        #expect(abs(scaled[0, 0] + 2 / sigma) < 1e-6 && scaled[1, 0] == 0 && abs(scaled[2, 0] - 2 / sigma) < 1e-6)
        #expect((0..<3).allSatisfy { scaled[$0, 1] == 0 })
        // New data is scaled with the training values, not its own.
        let test = try scaler.apply(Matrix([[7, 12]]))
        #expect(abs(test[0, 0] - 4 / sigma) < 1e-6)
        #expect(test[0, 1] == 2)
    }

    @Test func minMaxMapsTheTrainingRangeOntoZeroToOne() throws {
        let scaler = Scaler.fit(.minMax, to: Matrix([[0, 5], [10, 5], [4, 5]]))
        #expect(scaler.offsets == [0, 5] && scaler.scales == [10, 1])
        #expect(try scaler.apply(Matrix([[0, 5], [10, 5], [4, 5]])) == Matrix([[0, 0], [1, 0], [0.4, 0]]))
        // Values outside the training range are not clipped.
        #expect(try scaler.apply(Matrix([[20, 6]])) == Matrix([[2, 1]]))
    }

    @Test func invertUndoesApply() throws {
        let data = Dataset.gaussian(samples: 50, noise: 0.3, seed: 1).features
        for kind in Scaler.Kind.allCases {
            let scaler = Scaler.fit(kind, to: data)
            let back = try scaler.invert(try scaler.apply(data))
            #expect(zip(back.elements, data.elements).allSatisfy { abs($0 - $1) < 1e-5 })
        }
    }

    @Test func scaledDatasetKeepsItsTargets() throws {
        let dataset = Dataset.truthTable(.or)
        let scaled = try Scaler.fit(.standardization, to: dataset.features).apply(dataset)
        #expect(scaled.targets == dataset.targets)
        #expect(scaled.features == Matrix([[-1, -1], [-1, 1], [1, -1], [1, 1]]))
    }

    @Test func storedValuesRestoreTheSameScaler() throws {
        let fitted = Scaler.standardization(fittedTo: Matrix([[1, 2], [3, 8]]))
        let restored = try Scaler(kind: .standardization, offsets: fitted.offsets, scales: fitted.scales)
        #expect(restored == fitted)
        #expect(throws: ScalerError.storedValuesDisagree(offsets: 2, scales: 1)) {
            try Scaler(kind: .minMax, offsets: [0, 1], scales: [1])
        }
        #expect(throws: ScalerError.invalidStoredValue(column: 1, offset: 0, scale: 0)) {
            try Scaler(kind: .minMax, offsets: [0, 0], scales: [1, 0])
        }
    }

    @Test func applyingToOtherColumnsIsAnErrorThatSaysWhatToDo() {
        let scaler = Scaler.minMax(fittedTo: Matrix([[1, 2, 3]]))
        do {
            _ = try scaler.apply(Matrix([[1, 2]]))
            Issue.record("expected an error")
        } catch {
            #expect(error == .columnCountMismatch(fitted: 3, given: 2))
            #expect(error.description.contains("3 feature columns") && error.description.contains("has 2"))
        }
    }

    @Test func emptyTrainingSetGivesTheIdentity() throws {
        let scaler = Scaler.standardization(fittedTo: Matrix(rows: 0, columns: 2))
        #expect(scaler.offsets == [0, 0] && scaler.scales == [1, 1])
        #expect(Scaler.minMax(fittedTo: Matrix(rows: 0, columns: 2)).scales == [1, 1])
    }

    @Test func oneHotEncodesAndArgmaxDecodes() {
        let encoded = OneHot.encode([2, 0, 1], classCount: 3)
        #expect(encoded == Matrix([[0, 0, 1], [1, 0, 0], [0, 1, 0]]))
        #expect(OneHot.decode(encoded) == [2, 0, 1])
        // Probabilities decode to their most likely class; a tie goes to the first; NaN never wins.
        #expect(OneHot.decode(Matrix([[0.1, 0.7, 0.2], [0.4, 0.4, 0.2], [.nan, 0.3, 0.1]])) == [1, 0, 1])
        // An out-of-range label becomes a row of zeros instead of a crash.
        #expect(OneHot.encode([5, -1], classCount: 2) == Matrix(rows: 2, columns: 2))
    }
}
