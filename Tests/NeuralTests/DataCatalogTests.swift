import Testing
@testable import Neural

@Suite("Dataset catalog and shipped datasets")
struct DataCatalogTests {
    @Test func everyNameGivesADatasetOfTheAdvertisedTask() throws {
        #expect(DatasetCatalog.names == ["and", "or", "nand", "xor-table", "gaussian", "circle", "xor", "moons", "spiral",
                                          "sine", "plane", "multi-gaussian", "iris", "digits"])
        for entry in DatasetCatalog.entries {
            let dataset = try DatasetCatalog.dataset(named: entry.name, samples: 60, noise: 0.1, seed: 3)
            #expect(dataset.problem == entry.problem, "\(entry.name)")
            #expect(dataset.name == entry.name)
            #expect(!entry.summary.isEmpty && !entry.summary.contains("\n"))
            if entry.origin == .generated { #expect(dataset.count == 60, "\(entry.name)") }
        }
    }

    @Test func lookupIgnoresCaseAndSpaces() throws {
        #expect(try DatasetCatalog.entry(named: "  Spiral ").name == "spiral")
        #expect(try DatasetCatalog.entry(named: "multi_gaussian").name == "multi-gaussian")
    }

    @Test func unknownNameListsTheValidOnes() {
        do {
            _ = try DatasetCatalog.dataset(named: "mnist")
            Issue.record("expected an error")
        } catch {
            #expect(error == .unknownName("mnist", validNames: DatasetCatalog.names))
            #expect(error.description.contains("\"mnist\""))
            #expect(DatasetCatalog.names.allSatisfy { error.description.contains($0) })
        }
    }

    @Test func digitsAreScaledImagesOfTenClasses() throws {
        let digits = try Dataset.digits()
        #expect(digits.count == 1797)
        #expect(digits.features.columns == 64)
        #expect(digits.problem == .multiclassClassification(classCount: 10))
        #expect(digits.featureNames.first == "p0" && digits.featureNames.last == "p63")
        let pixels = digits.features.elements
        #expect(pixels.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(pixels.contains(1))  // ink count 16 becomes exactly 1
        #expect(digits.classCounts.count == 10 && digits.classCounts.allSatisfy { $0 > 150 })
        // The first image in the file is a zero whose third pixel has ink count 5.
        #expect(digits.labels[0] == 0 && digits.features[0, 2] == 5.0 / 16)
    }

    @Test func irisHasFiftyOfEachSpecies() throws {
        let iris = try Dataset.iris()
        #expect(iris.count == 150 && iris.features.columns == 4)
        #expect(iris.classNames == ["setosa", "versicolor", "virginica"])
        #expect(iris.classCounts == [50, 50, 50])
        #expect(iris.features.row(0) == [5.1, 3.5, 1.4, 0.2])
        #expect(iris.featureNames == ["sepal_length", "sepal_width", "petal_length", "petal_width"])
    }
}
