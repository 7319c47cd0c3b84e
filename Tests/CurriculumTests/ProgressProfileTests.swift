import Foundation
import Testing
@testable import Curriculum

@Suite("Progress profiles")
struct ProgressProfileTests {
    let environment = ["XDG_DATA_HOME": "/data", "HOME": "/home/ada"]

    @Test func theDefaultLearnerKeepsTheUsualFile() throws {
        #expect(try ProgressProfile.file(profile: nil, environment: environment).path == "/data/gradschool/progress.json")
        #expect(try ProgressProfile.databaseFile(profile: nil, environment: environment).path == "/data/gradschool/progress.sqlite")
        #expect(ProgressProfile.name(explicit: "default", environment: [:]) == nil)
        #expect(ProgressProfile.name(explicit: nil, environment: [:]) == nil)
        #expect(ProgressProfile.name(explicit: "", environment: [:]) == nil)
    }

    @Test func aNamedProfileHasItsOwnDirectory() throws {
        #expect(try ProgressProfile.file(profile: "ada", environment: environment).path
                == "/data/gradschool/profiles/ada/progress.json")
        #expect(try ProgressProfile.file(profile: "bob_2", environment: ["HOME": "/home/bob"]).path
                == "/home/bob/.local/share/gradschool/profiles/bob_2/progress.json")
    }

    @Test func theOptionWinsOverTheEnvironment() {
        #expect(ProgressProfile.name(explicit: nil, environment: ["GRADSCHOOL_PROFILE": "ada"]) == "ada")
        #expect(ProgressProfile.name(explicit: "bob", environment: ["GRADSCHOOL_PROFILE": "ada"]) == "bob")
    }

    @Test(arguments: ["../escape", "a/b", ".hidden", "with space", String(repeating: "x", count: 41), "ünïcode"])
    func namesThatAreNotSafeDirectoryNamesAreRefused(_ name: String) {
        #expect(throws: ProgressProfileError.badName(name)) {
            try ProgressProfile.file(profile: name, environment: environment)
        }
        #expect(ProgressProfileError.badName(name).description.contains("--profile"))
    }

    @Test func existingProfilesAreThoseWithAProgressFile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("profiles-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let environment = ["XDG_DATA_HOME": root.path]
        for name in ["zoe", "ada"] {
            _ = ProgressStore(file: try ProgressProfile.databaseFile(profile: name, environment: environment))
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("gradschool/profiles/empty"), withIntermediateDirectories: true)
        #expect(ProgressProfile.existing(environment: environment) == ["ada", "zoe"])
    }
}
