import Testing
@testable import Curriculum

@Suite("Settings files")
struct SettingsFileTests {
    @Test("Entries keep their keys, lines and values; lists keep each item's line")
    func entries() throws {
        let file = try SettingsFile(yaml: "dataset: spiral\n\nlayers:\n  - 8\n  - 4\nnoise:\n")
        #expect(file.entries.map(\.key) == ["dataset", "layers", "noise"])
        #expect(file.entries.map(\.line) == [1, 3, 6])
        #expect(file.entries[0].value == .text("spiral"))
        #expect(file.entries[1].value == .list([.init(text: "8", line: 4), .init(text: "4", line: 5)]))
        #expect(file.entries[2].value.string == "")
    }

    @Test("Text that is not settings names the line")
    func errors() {
        #expect(throws: SettingsFileError.notSettings(line: 1)) { try SettingsFile(yaml: "- a\n- b\n") }
        #expect { try SettingsFile(yaml: "a: [1, 2\nb: 3\n") } throws: { error in
            guard case .notYAML(let line, _) = error as? SettingsFileError else { return false }
            return line >= 1
        }
        #expect(throws: Never.self) { try SettingsFile(yaml: "") }
    }
}
