import Curriculum
import Foundation
import Testing

/// Real processes writing one profile's progress at once, and being killed mid-write.
@Suite("Progress store across processes")
struct ProgressStoreProcessTests {
    /// A writer: `gradschool progress --write-events COUNT --tag TAG` (0 writes until killed).
    static func writer(tag: String, count: Int, environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = GradschoolBinary.url
        process.arguments = ["progress", "--write-events", String(count), "--tag", tag]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func store(_ environment: [String: String]) throws -> ProgressStore {
        let json = try ProgressProfile.file(profile: nil, environment: environment)
        return ProgressStore(file: ProgressStore.databaseFile(besideJSON: json), legacyFile: json)
    }

    /// Writer TAG's events in the store: the pages read (each once) and the questions answered.
    static func events(of tag: String, in store: ProgressStore) throws -> (pages: [Int], answers: [Int]) {
        let pages = try store.pageReadCounts()["load-\(tag)"] ?? [:]
        #expect(pages.values.allSatisfy { $0 == 1 }, "a page read twice: \(pages.filter { $0.value != 1 })")
        let prefix = "load-\(tag)-"
        let answers = try store.reviewLog().filter { $0.questionID.hasPrefix(prefix) }.compactMap { Int($0.questionID.dropFirst(prefix.count)) }
        return (pages.keys.sorted(), answers.sorted())
    }

    @Test func twoProcessesWritingAtOnceKeepEveryEventOfBoth() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = ["XDG_DATA_HOME": folder.url.path]
        let count = 400
        let started = Date()
        let writers = try ["ada", "bob"].map { try Self.writer(tag: $0, count: count, environment: environment) }
        for writer in writers { writer.waitUntilExit() }
        let seconds = Date().timeIntervalSince(started)
        #expect(writers.allSatisfy { $0.terminationStatus == 0 })
        let store = try Self.store(environment)
        #expect(store.integrityCheck() == "ok")
        for tag in ["ada", "bob"] {
            let events = try Self.events(of: tag, in: store)
            // Events alternate page, answer: 200 pages (0…199) and 200 answers (0…199) each.
            #expect(events.pages == Array(0..<count / 2), "\(tag): pages missing")
            #expect(events.answers == Array(0..<count / 2), "\(tag): answers missing")
        }
        #expect(try store.load().questions.count == count, "every answered question has its schedule")
        print("two writers, \(2 * count) events in \(String(format: "%.2f", seconds)) s")
    }

    /// Kills a writer at random moments: every time the database opens whole, with every event it
    /// committed, in order and without a gap.
    @Test func aKillAtAnyMomentLeavesAWholeDatabaseWithEveryCommittedEvent() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = ["XDG_DATA_HOME": folder.url.path]
        var generator = SystemRandomNumberGenerator()
        var previous = 0
        for round in 0..<12 {
            let tag = "round\(round)"
            let writer = try Self.writer(tag: tag, count: 0, environment: environment)
            usleep(UInt32.random(in: 80_000...400_000, using: &generator))
            kill(writer.processIdentifier, SIGKILL)
            writer.waitUntilExit()
            #expect(writer.terminationReason == .uncaughtSignal, "round \(round): the writer ended before it was killed")

            let store = try Self.store(environment)
            #expect(store.notices.isEmpty, "round \(round): \(store.notices)")
            #expect(store.integrityCheck() == "ok", "round \(round)")
            let events = try Self.events(of: tag, in: store)
            // Committed in order: pages 0..<p and answers 0..<a with a = p or p − 1, no gaps.
            #expect(events.pages == Array(0..<events.pages.count), "round \(round)")
            #expect(events.answers == Array(0..<events.answers.count), "round \(round)")
            #expect([events.pages.count, events.pages.count - 1].contains(events.answers.count), "round \(round)")
            // Earlier rounds' events are all still there.
            let total = try store.reviewLog().count
            #expect(total >= previous)
            previous = total
        }
        #expect(previous > 0, "the writers should have committed something before being killed")
    }
}
