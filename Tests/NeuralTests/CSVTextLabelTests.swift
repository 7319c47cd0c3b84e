import Foundation
import Testing
@testable import Neural

/// Class names written as text in the target column, and the header rule that has to tell such a first
/// row from a header.
@Suite("CSV text class labels")
struct CSVTextLabelTests: CSVTesting {
    /// Six iris-like rows, the classes out of order so that sorting has something to do.
    static let irisRows = """
        6.3,3.3,6.0,2.5,virginica
        5.1,3.5,1.4,0.2,setosa
        7.0,3.2,4.7,1.4,versicolor
        4.9,3.0,1.4,0.2,setosa
        5.8,2.7,5.1,1.9,virginica
        6.4,3.2,4.5,1.5,versicolor

        """

    // MARK: - Class names

    @Test func textLabelsUnderAHeaderBecomeSortedClasses() throws {
        let dataset = try parse("sepal_length,sepal_width,petal_length,petal_width,species\n" + Self.irisRows)
        #expect(dataset.count == 6)
        #expect(dataset.featureNames == ["sepal_length", "sepal_width", "petal_length", "petal_width"])
        #expect(dataset.problem == .multiclassClassification(classCount: 3))
        #expect(dataset.classNames == ["setosa", "versicolor", "virginica"])
        #expect(dataset.labels == [2, 0, 1, 0, 2, 1])
        #expect(dataset.features.row(0) == [6.3, 3.3, 6.0, 2.5])
        #expect(dataset.targets.row(0) == [0, 0, 1])
    }

    @Test func withoutAHeaderTheFirstTextLabelledRowIsData() throws {
        let dataset = try parse(Self.irisRows)
        #expect(dataset.count == 6)
        #expect(dataset.featureNames == ["x1", "x2", "x3", "x4"])
        #expect(dataset.classNames == ["setosa", "versicolor", "virginica"])
        #expect(dataset.labels == [2, 0, 1, 0, 2, 1])
        #expect(dataset.features.row(0) == [6.3, 3.3, 6.0, 2.5])
    }

    @Test func twoNamesGiveBinaryClassification() throws {
        let dataset = try parse("length,links,kind\n120,3,spam\n40,0,ham\n300,9,spam\n")
        #expect(dataset.problem == .binaryClassification)
        #expect(dataset.classNames == ["ham", "spam"])
        #expect(dataset.labels == [1, 0, 1])
        #expect(dataset.targets == Matrix([[1], [0], [1]]))
    }

    @Test func namesAreSortedByTheirBytes() throws {
        // Capitals come before small letters, and "10" before "9", as in scikit-learn's LabelEncoder.
        let letters = try parse("1,b\n2,B\n3,a\n4,b\n")
        #expect(letters.classNames == ["B", "a", "b"])
        #expect(letters.labels == [2, 0, 1, 2])
        let numbers = try parse("1,9\n2,10\n3,x\n")
        #expect(numbers.classNames == ["10", "9", "x"])
        #expect(numbers.labels == [1, 0, 2])
    }

    @Test func numbersAmongTextTargetsAreNamesToo() throws {
        let dataset = try parse("a,b,y\n1,2,1\n3,4,2\n5,6,other\n7,8,2\n")
        #expect(dataset.problem == .multiclassClassification(classCount: 3))
        #expect(dataset.classNames == ["1", "2", "other"])
        #expect(dataset.labels == [0, 1, 2, 1])
    }

    @Test func windowsLineEndsQuotesAndSpacesAroundLabels() throws {
        let text = "\"x\",\"y\",\"label\"\r\n1,2,\"setosa\"\r\n\r\n3,4, versicolor \r\n5,6, \"setosa\" \r\n"
        let dataset = try parse(text)
        #expect(dataset.featureNames == ["x", "y"])
        #expect(dataset.classNames == ["setosa", "versicolor"])
        #expect(dataset.labels == [0, 1, 0])
        #expect(dataset.features == Matrix([[1, 2], [3, 4], [5, 6]]))
    }

    @Test func theSameLettersComposedOrDecomposedAreOneClass() throws {
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        let dataset = try parse("1,\(composed)\n2,\(decomposed)\n3,tea\n")
        #expect(dataset.problem == .binaryClassification)
        #expect(dataset.classNames.count == 2 && dataset.classNames[0].unicodeScalars.elementsEqual(composed.unicodeScalars))
        #expect(dataset.labels == [0, 0, 1])
    }

    @Test func textTargetsWorkInAnyColumn() throws {
        let text = "species,length,width\nsetosa,1.4,0.2\nvirginica,6.0,2.5\nsetosa,1.3,0.2\n"
        let byName = try parse(text, CSVOptions(targetColumn: .name("species")))
        #expect(byName.featureNames == ["length", "width"])
        #expect(byName.classNames == ["setosa", "virginica"] && byName.labels == [0, 1, 0])
        let byIndex = try parse(text, CSVOptions(targetColumn: .index(0)))
        #expect(byIndex.features == Matrix([[1.4, 0.2], [6.0, 2.5], [1.3, 0.2]]))
        // Left as the last column, the class names are a text feature.
        #expect(error(text) == .nonNumericCell(file: "data.csv", line: 2, column: 1, text: "setosa"))
    }

    @Test func givenClassNamesReplaceTheTextsOnlyWhenTheCountMatches() throws {
        let text = "1,spam\n2,ham\n3,spam\n"
        #expect(try parse(text, CSVOptions(classNames: ["no", "yes"])).classNames == ["no", "yes"])
        #expect(try parse(text, CSVOptions(classNames: ["a", "b", "c"])).classNames == ["ham", "spam"])
    }

    @Test func anExplicitClassificationTakesTextsUpToItsClassCount() throws {
        let four = try parse("1,b\n2,a\n3,c\n", CSVOptions(problem: .multiclassClassification(classCount: 4)))
        #expect(four.problem == .multiclassClassification(classCount: 4))
        #expect(four.classNames == ["a", "b", "c", "class 3"])
        #expect(four.labels == [1, 0, 2])
        let binary = try parse("1,no\n2,yes\n", CSVOptions(problem: .binaryClassification))
        #expect(binary.classNames == ["no", "yes"] && binary.labels == [0, 1])

        let tooMany = error("x,y\n1,a\n2,b\n3,c\n", CSVOptions(problem: .binaryClassification))
        #expect(tooMany == .moreClassNamesThanClasses(file: "data.csv", column: 2, names: ["a", "b", "c"], problem: .binaryClassification))
        #expect(tooMany?.description.hasPrefix("data.csv: column 2 names 3 classes (\"a\", \"b\", \"c\"), but binary classification has only 2") == true)
        #expect(error("1,a\n2,b\n", CSVOptions(problem: .multiclassClassification(classCount: 1))) ==
                .invalidTask(file: "data.csv", problem: .multiclassClassification(classCount: 1)))
    }

    // MARK: - Errors

    @Test func regressionRefusesTextTargetsAtTheirCell() {
        let found = error("a,b,y\n1,2,3.5\n3,4,tall\n5,6,short\n", CSVOptions(problem: .regression))
        #expect(found == .textTargetInRegression(file: "data.csv", line: 3, column: 3, text: "tall"))
        #expect(found?.description.hasPrefix("data.csv:3:3: the target \"tall\" is text, but regression needs a number") == true)
    }

    @Test func oneDistinctNameIsNotAClassification() {
        let found = error("a,b,y\n1,2,setosa\n3,4,setosa\n")
        #expect(found == .singleClassName(file: "data.csv", column: 3, name: "setosa"))
        #expect(found?.description.hasPrefix("data.csv: every target in column 3 is \"setosa\": a classification needs at least two classes") == true)
        #expect(error("1,no\n", CSVOptions(problem: .binaryClassification)) == .singleClassName(file: "data.csv", column: 2, name: "no"))
        // A lone row with a number in it is data, so a single text target is one class, not a header.
        #expect(error("5.1,setosa\n") == .singleClassName(file: "data.csv", column: 2, name: "setosa"))
    }

    @Test func tooManyNamesLookLikeAnIdColumn() throws {
        let rows = (0..<25).map { "\($0),\($0 % 2),person\($0)" }
        let found = error("age,member,name\n" + rows.joined(separator: "\n"))
        #expect(found == .tooManyClassNames(file: "data.csv", line: 2, column: 3, text: "person0", count: 25, maximum: 20))
        let message = try #require(found?.description)
        #expect(message.hasPrefix("data.csv:2:3:"))
        #expect(message.contains("25 different values") && message.contains("more than the 20 classes"))
        #expect(message.contains("--target"))
        // A larger limit lets them through.
        #expect(try parse("age,member,name\n" + rows.joined(separator: "\n"), CSVOptions(maximumClassCount: 25)).problem
                == .multiclassClassification(classCount: 25))
    }

    @Test func aTextFeatureIsStillAnErrorWithTheNewAdvice() {
        let found = error("a,b,y\n1,2,setosa\n3,four,virginica\n")
        #expect(found == .nonNumericCell(file: "data.csv", line: 3, column: 2, text: "four"))
        let message = found?.description ?? ""
        #expect(message.hasPrefix("data.csv:3:2: \"four\" is not a number: only the target column may hold text (class names)"))
        #expect(message.contains("encode a text feature as numbers"))
        #expect(!message.contains("only numbers are allowed"))
    }

    @Test func anEmptyTargetAmongNamesIsAnEmptyCell() {
        #expect(error("a,b,y\n1,2,setosa\n3,4,\"\"\n5,6,virginica\n") == .emptyCell(file: "data.csv", line: 3, column: 3))
        #expect(error("a,b,y\n1,2,setosa\n3,4,,\n") == .emptyCell(file: "data.csv", line: 3, column: 3))
    }

    @Test func errorsComeInFileOrder() {
        // A bad feature before a ragged row is reported first; a ragged row before any bad cell wins.
        #expect(error("a,b,y\n1,x,setosa\n1,2\n") == .nonNumericCell(file: "data.csv", line: 2, column: 2, text: "x"))
        #expect(error("a,b,y\n1,2,setosa\n1,2\n3,x,virginica\n") ==
                .raggedRow(file: "data.csv", line: 3, expected: 3, found: 2, firstLine: 1))
        // A non-finite number target is still refused where it is when the column holds numbers.
        #expect(error("a,y\n1,nan\n2,x2\n") == nil)
        #expect(error("a,y\n1,1\n2,nan\nx,1\n") == .notFinite(file: "data.csv", line: 3, column: 2, text: "nan"))
    }

    // MARK: - Header detection

    @Test func headerIsTextAboveANumberOrAnEmptyCell() throws {
        // Every header cell above text: the first row is data.
        let noHeader = try parse("1.4,setosa\n1.3,setosa\n4.5,versicolor\n")
        #expect(noHeader.count == 3 && noHeader.featureNames == ["x1"])
        // One header cell above a number is enough, even when the target's header sits above text.
        let header = try parse("petal,species\n1.4,setosa\n4.5,versicolor\n")
        #expect(header.count == 2 && header.featureNames == ["petal"])
        // Text above an empty cell also marks a header; the empty cell is then a missing value.
        #expect(error("a,b,y\n,2,0\n") == .emptyCell(file: "data.csv", line: 2, column: 1))
        // A row of text over a row of text is data, so the first text feature is reported on line 1.
        #expect(error("a,b,y\nc,d,e\n") == .nonNumericCell(file: "data.csv", line: 1, column: 1, text: "a"))
        // Numeric headers stay out of the way of numbers: a numeric first row is data.
        #expect(try parse("1,2,0\n3,4,1\n").count == 2)
        // Blank lines between the first two rows do not matter.
        #expect(try parse("x,label\n\n\n1,yes\n2,no\n").count == 2)
    }

    @Test func aLoneRowIsAHeaderOnlyWhenAllOfItIsText() {
        #expect(error("x,y,label\n") == .noDataRows(file: "data.csv", headerLine: 1))
        #expect(error("\n1,2,3\n") == nil)
        #expect(error("x,2,label\n") == .nonNumericCell(file: "data.csv", line: 1, column: 1, text: "x"))
    }

    @Test func changedTextLabelledFilesNeverCrash() {
        // A valid file with one to three bytes changed: the header rule and the class names meet every
        // mix of text, numbers, quotes and empty cells in the first rows.
        var random = RandomSource(seed: 7)
        let alphabet = Array("01,.\n\r \"ab".utf8)
        let valid = Array("a,b,y\n1,2,ham\n3,4,spam\n5,6,ham\n".utf8)
        var classified = 0
        for _ in 0..<3000 {
            var bytes = valid
            for _ in 0...random.nextIndex(below: 3) {
                bytes[random.nextIndex(below: bytes.count)] = alphabet[random.nextIndex(below: alphabet.count)]
            }
            do {
                let dataset = try CSVLoader.parse(Data(bytes), fileName: "fuzz.csv")
                #expect(dataset.features.rows == dataset.targets.rows)
                #expect(dataset.features.elements.allSatisfy { $0.isFinite })
                if dataset.problem.isClassification { classified += 1 }
            } catch {
                #expect(error.description.hasPrefix("fuzz.csv"))
            }
        }
        // Many changed files still hold two or more class names.
        #expect(classified > 100)
    }
}
