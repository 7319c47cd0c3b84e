import Foundation
import Testing
@testable import Neural

@Suite("CSV loading")
struct CSVLoaderTests: CSVTesting {
    @Test func headerIsDetectedAndNamesTheFeatures() throws {
        let dataset = try parse("height,weight,label\n1.5,60,0\n1.8,80,1\n1.6,70,0\n")
        #expect(dataset.name == "data")
        #expect(dataset.featureNames == ["height", "weight"])
        #expect(dataset.features == Matrix([[1.5, 60], [1.8, 80], [1.6, 70]]))
        #expect(dataset.problem == .binaryClassification)
        #expect(dataset.labels == [0, 1, 0])
    }

    @Test func withoutHeaderTheFirstRowIsData() throws {
        let dataset = try parse("1,2,0.5\n3,4,1.5\n")
        #expect(dataset.count == 2)
        #expect(dataset.featureNames == ["x1", "x2"])
        #expect(dataset.problem == .regression)
        #expect(dataset.targets == Matrix([[0.5], [1.5]]))
    }

    @Test func blankLinesWindowsLineEndsQuotesAndSpacesAreTolerated() throws {
        let text = "\u{FEFF}\"a\", \"b\" ,y\r\n\r\n 1 , 2 ,1\r\n   \r\n\"3\",4,0\r\n\n"
        let dataset = try parse(text)
        #expect(dataset.featureNames == ["a", "b"])
        #expect(dataset.features == Matrix([[1, 2], [3, 4]]))
        #expect(dataset.labels == [1, 0])
    }

    @Test func trailingCommaIsIgnored() throws {
        let dataset = try parse("a,b,y,\n1,2,3.5,\n4,5,6.5\n")
        #expect(dataset.features == Matrix([[1, 2], [4, 5]]))
        #expect(dataset.targets == Matrix([[3.5], [6.5]]))
    }

    @Test func targetColumnCanBeChosenByIndexOrName() throws {
        let text = "label,a,b\n1,0.5,2\n0,1.5,3\n"
        let byIndex = try parse(text, CSVOptions(targetColumn: .index(0)))
        #expect(byIndex.featureNames == ["a", "b"] && byIndex.labels == [1, 0])
        let byName = try parse(text, CSVOptions(targetColumn: .name("LABEL")))
        #expect(byName.features == Matrix([[0.5, 2], [1.5, 3]]) && byName.labels == [1, 0])
        #expect(error(text, CSVOptions(targetColumn: .name("species"))) ==
                .unknownTargetName(file: "data.csv", name: "species", available: ["label", "a", "b"]))
        #expect(error(text, CSVOptions(targetColumn: .index(3))) == .targetIndexOutOfRange(file: "data.csv", index: 3, columnCount: 3))
        #expect(error("1,2\n3,4\n", CSVOptions(targetColumn: .name("y"))) == .targetNameWithoutHeader(file: "data.csv", name: "y"))
    }

    @Test func taskIsInferredFromTheTargets() throws {
        // Whole numbers 0…2, each at least twice: three classes.
        let three = try parse("1,0\n2,1\n3,2\n4,0\n5,1\n6,2\n")
        #expect(three.problem == .multiclassClassification(classCount: 3))
        #expect(three.labels == [0, 1, 2, 0, 1, 2])
        #expect(three.classNames == ["0", "1", "2"])
        // −1 / +1 labels are numbered in order and keep their values as names.
        let signs = try parse("1,-1\n2,1\n3,1\n")
        #expect(signs.problem == .binaryClassification && signs.labels == [0, 1, 1] && signs.classNames == ["-1", "1"])
        // Fractions, or too many distinct whole numbers for the rows, mean regression.
        #expect(try parse("1,0.5\n2,1\n").problem == .regression)
        #expect(try parse("1,1\n2,2\n3,3\n4,4\n").problem == .regression)
        #expect(try parse("1,7\n2,7\n").problem == .regression)
        let manyRows = (0..<100).map { "\($0),\($0 % 25)" }.joined(separator: "\n")
        #expect(try parse(manyRows).problem == .regression)
        #expect(try parse(manyRows, CSVOptions(maximumClassCount: 30)).problem == .multiclassClassification(classCount: 25))
    }

    @Test func taskCanBeForcedAndTargetsMustThenFitIt() throws {
        let forced = try parse("x,y\n1,0\n2,1\n3,2\n", CSVOptions(problem: .multiclassClassification(classCount: 4), classNames: ["a", "b", "c", "d"]))
        #expect(forced.problem == .multiclassClassification(classCount: 4))
        #expect(forced.targets == Matrix([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]))
        #expect(forced.classNames == ["a", "b", "c", "d"])
        #expect(try parse("1,0\n2,1\n", CSVOptions(problem: .regression)).problem == .regression)

        let bad = error("x,y\n1,0\n2,1\n3,2\n", CSVOptions(problem: .binaryClassification))
        #expect(bad == .invalidLabel(file: "data.csv", line: 4, column: 2, value: 2, problem: .binaryClassification))
        #expect(bad?.description.hasPrefix("data.csv:4:2:") == true)
        #expect(bad?.description.contains("0 or 1") == true)
        #expect(error("1,0.5\n", CSVOptions(problem: .multiclassClassification(classCount: 3))) ==
                .invalidLabel(file: "data.csv", line: 1, column: 2, value: 0.5, problem: .multiclassClassification(classCount: 3)))
        #expect(error("1,0\n", CSVOptions(problem: .multiclassClassification(classCount: 1))) ==
                .invalidTask(file: "data.csv", problem: .multiclassClassification(classCount: 1)))
    }

    @Test func raggedRowNamesItsLine() {
        let found = error("a,b,y\n1,2,0\n\n3,4\n")
        #expect(found == .raggedRow(file: "data.csv", line: 4, expected: 3, found: 2, firstLine: 1))
        #expect(found?.description.hasPrefix("data.csv:4:") == true)
        #expect(error("1,2,0\n1,2,3,4\n") == .raggedRow(file: "data.csv", line: 2, expected: 3, found: 4, firstLine: 1))
    }

    @Test func nonNumericCellNamesLineAndColumn() {
        let found = error("a,b,y\n1,2,0\n3,four,1\n")
        #expect(found == .nonNumericCell(file: "data.csv", line: 3, column: 2, text: "four"))
        #expect(found?.description.hasPrefix("data.csv:3:2:") == true)
        #expect(found?.description.contains("\"four\" is not a number") == true)
    }

    @Test func emptyCellsAndMissingLastValuesAreReported() {
        #expect(error("a,b,y\n1,,0\n") == .emptyCell(file: "data.csv", line: 2, column: 2))
        // With three columns, "1,2," is a missing target rather than a short row.
        #expect(error("a,b,y\n1,2,\n") == .emptyCell(file: "data.csv", line: 2, column: 3))
    }

    @Test func nonFiniteValuesAreRefused() {
        #expect(error("1,nan\n2,1\n") == .notFinite(file: "data.csv", line: 1, column: 2, text: "nan"))
        #expect(error("1,1\ninf,1\n") == .notFinite(file: "data.csv", line: 2, column: 1, text: "inf"))
        #expect(error("1,1\n1e39,1\n") == .notFinite(file: "data.csv", line: 2, column: 1, text: "1e39"))
    }

    @Test func emptyAndHeaderOnlyAndSingleColumnFilesAreReported() {
        #expect(error("") == .emptyFile(file: "data.csv"))
        #expect(error("\n  \n\r\n") == .emptyFile(file: "data.csv"))
        #expect(error("\na,b,y\n") == .noDataRows(file: "data.csv", headerLine: 2))
        let single = error("value\n1\n2\n")
        #expect(single == .singleColumn(file: "data.csv", line: 1))
        #expect(single?.description.contains("at least one feature column") == true)
    }

    @Test func loadingAFileNamesItInErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("houses.csv")
        try "rooms,price\n3,250.5\n4,320\n".write(to: good, atomically: true, encoding: .utf8)
        let houses = try CSVLoader.load(contentsOf: good)
        #expect(houses.name == "houses" && houses.problem == .regression && houses.count == 2)

        let bad = folder.appendingPathComponent("broken.csv")
        try "a,b\nx,1\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect(throws: CSVError.nonNumericCell(file: "broken.csv", line: 2, column: 1, text: "x")) {
            try CSVLoader.load(contentsOf: bad)
        }
        do {
            _ = try CSVLoader.load(contentsOf: folder.appendingPathComponent("missing.csv"))
            Issue.record("expected an error")
        } catch {
            guard case .unreadable(let file, _) = error else { Issue.record("wrong error \(error)"); return }
            // The path as given, so a name like "null" is never shown without its folder.
            #expect(file == folder.appendingPathComponent("missing.csv").path)
        }
    }

    @Test func randomBytesNeverCrash() {
        var random = RandomSource(seed: 2024)
        // Three kinds of input: bytes from CSV's own alphabet (so the parser gets past the first
        // cell), any bytes at all, and a valid file with one or two bytes changed.
        let alphabet = Array("0123456789,.-e\n\r \"abc".utf8)
        let valid = Array("a,b,y\n1,2,0\n3,4,1\n5,6,0\n".utf8)
        var loaded = 0
        for round in 0..<3000 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0: bytes = (0..<random.nextIndex(below: 80)).map { _ in alphabet[random.nextIndex(below: alphabet.count)] }
            case 1: bytes = (0..<random.nextIndex(below: 80)).map { _ in UInt8(random.nextIndex(below: 256)) }
            default:
                bytes = valid
                for _ in 0...random.nextIndex(below: 2) {
                    bytes[random.nextIndex(below: bytes.count)] = alphabet[random.nextIndex(below: alphabet.count)]
                }
            }
            do {
                let dataset = try CSVLoader.parse(Data(bytes), fileName: "fuzz.csv")
                #expect(dataset.features.rows == dataset.targets.rows)
                #expect(dataset.features.elements.allSatisfy { $0.isFinite })
                loaded += 1
            } catch {
                #expect(error.description.hasPrefix("fuzz.csv"))
            }
        }
        // Many of the lightly changed files should still load.
        #expect(loaded > 100)
    }

    /// Every newline Swift's `Character.isNewline` knows ends a row, read from bytes as from text.
    @Test func everyKindOfNewlineEndsARowReadFromBytesAsFromText() throws {
        let separators = ["\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"]
        for separator in separators {
            let text = ["x,y", "1,0", "2,1", "3,0"].joined(separator: separator) + separator
            let fromText = try CSVLoader.parse(text, fileName: "rows.csv")
            let fromBytes = try CSVLoader.parse(Data(text.utf8), fileName: "rows.csv")
            #expect(fromText.features.rows == 3, "separator \(separator.unicodeScalars.map { $0.value })")
            #expect(fromBytes.features.elements == [1, 2, 3] && fromText.features.elements == [1, 2, 3])
            #expect(fromBytes.featureNames == ["x"])
        }
        // A line number in an error counts each of them once: "\r\n" is one newline.
        #expect(throws: CSVError.nonNumericCell(file: "rows.csv", line: 4, column: 1, text: "oops")) {
            try CSVLoader.parse(Data("x,y\r\n1,0\u{2028}2,1\roops,0\n".utf8), fileName: "rows.csv")
        }
    }
}
