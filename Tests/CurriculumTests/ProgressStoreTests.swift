import Foundation
import Testing
@testable import Curriculum

@Suite("Progress store")
struct ProgressStoreTests {
    func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("progress-\(UUID().uuidString)/gradschool/progress.json")
    }

    @Test func defaultFileFollowsXDG() {
        #expect(ProgressStore.defaultFile(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/ada"]).path
                == "/data/gradschool/progress.json")
        #expect(ProgressStore.defaultFile(environment: ["HOME": "/home/ada"]).path
                == "/home/ada/.local/share/gradschool/progress.json")
        // A relative XDG_DATA_HOME is invalid by the specification and ignored.
        #expect(ProgressStore.defaultFile(environment: ["XDG_DATA_HOME": "data", "HOME": "/home/ada"]).path
                == "/home/ada/.local/share/gradschool/progress.json")
    }

    @Test func savedProgressLoadsBack() throws {
        let store = ProgressStore(file: temporaryFile())
        defer { try? FileManager.default.removeItem(at: store.file.deletingLastPathComponent().deletingLastPathComponent()) }
        #expect(store.load().progress == LearnerProgress())
        var progress = LearnerProgress()
        progress["perceptron"].pagesRead = [0, 2]
        progress["perceptron"].lastPage = 2
        progress["perceptron"].quizAnswers["xor"] = QuizAnswer(choice: 1, correct: true, answeredAt: Date(timeIntervalSince1970: 1_700_000_000))
        try store.save(progress)
        let loaded = store.load()
        #expect(loaded.notice == nil)
        #expect(loaded.progress == progress)
        #expect(loaded.progress["perceptron"].correctAnswers(among: ["xor", "other"]) == 1)
        // Nothing but the progress file is left behind in its directory.
        let names = try FileManager.default.contentsOfDirectory(atPath: store.file.deletingLastPathComponent().path)
        #expect(names == ["progress.json"])
    }

    @Test func aCorruptFileIsKeptAsideAndTheLearnerTold() throws {
        let store = ProgressStore(file: temporaryFile())
        defer { try? FileManager.default.removeItem(at: store.file.deletingLastPathComponent().deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: store.file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{\"version\": 1, \"lessons\": {\"x\": 12".utf8).write(to: store.file)
        let loaded = store.load()
        #expect(loaded.progress == LearnerProgress())
        let notice = try #require(loaded.notice)
        #expect(notice.contains("could not be used"))
        let names = try FileManager.default.contentsOfDirectory(atPath: store.file.deletingLastPathComponent().path)
        let aside = try #require(names.first { $0.hasPrefix("progress.json.unreadable-") })
        #expect(notice.contains(aside))
        let copied = try Data(contentsOf: store.file.deletingLastPathComponent().appendingPathComponent(aside))
        #expect(String(decoding: copied, as: UTF8.self) == "{\"version\": 1, \"lessons\": {\"x\": 12")
    }

    @Test func savingWhereNoDirectoryCanBeMadeThrowsATypedError() {
        let store = ProgressStore(file: URL(fileURLWithPath: "/proc/gradschool-cannot-exist/progress.json"))
        #expect(throws: ProgressStoreError.self) { try store.save(LearnerProgress()) }
    }
}
