import Foundation

/// A private tmux server running one shell, driven like a learner at a keyboard.
///
/// Each instance uses its own socket, so it never touches a tmux the developer has open.
final class Tmux {
    let socket = FileManager.default.temporaryDirectory.appendingPathComponent("gradschool-tmux-\(UUID().uuidString.prefix(8))").path
    let session = "tutor"

    /// Whether tmux is installed.
    static var isAvailable: Bool {
        (try? Tmux.run(["tmux", "-V"]).status) == 0
    }

    /// Starts a plain shell at `width`×`height` with `environment` added.
    init(width: Int, height: Int, environment: [String: String]) throws {
        var arguments = ["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) {
            arguments += ["-e", "\(key)=\(value)"]
        }
        arguments += ["bash --norc --noprofile"]
        try tmux(arguments)
        serverID = Int32(try tmux(["display-message", "-p", "-t", session, "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The tmux server's process id, to make sure it ends with the test.
    private var serverID: Int32?

    /// Ends the session (which ends its shell), then the server: `kill-server` alone has been seen to
    /// leave tmux 3.3 servers running, so the server this instance started is also ended by its id.
    deinit {
        _ = try? tmux(["kill-session", "-t", session])
        if let serverID, serverID > 1 { kill(serverID, SIGKILL) }
        try? FileManager.default.removeItem(atPath: socket)
    }

    /// Types `text` literally, then presses Enter when asked.
    func type(_ text: String, enter: Bool = false) throws {
        try tmux(["send-keys", "-t", session, "-l", text])
        if enter { try press("Enter") }
    }

    /// Presses keys by tmux's names: `Enter`, `Escape`, `C-c`, `n`, `?`.
    func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", session] + keys)
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The visible screen, one string per row.
    func screen() throws -> [String] {
        try tmux(["capture-pane", "-t", session, "-p"]).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Waits until the screen satisfies `condition`, for at most `seconds`; returns the last screen.
    @discardableResult
    func waitFor(_ seconds: Double = 10, _ condition: ([String]) -> Bool) throws -> (found: Bool, screen: [String]) {
        let deadline = Date().addingTimeInterval(seconds)
        var last: [String] = []
        while Date() < deadline {
            last = try screen()
            if condition(last) {
                let settled = try settledScreen(after: last)
                if condition(settled) { return (true, settled) }
                last = settled
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return (false, last)
    }

    /// The screen once drawing has finished: a busy machine can show a frame half written, its first
    /// rows new and the rest old, so callers that go on to read other rows would read stale ones.
    /// Captures until two in a row agree, or about a second passes (an animation never settles).
    private func settledScreen(after first: [String]) throws -> [String] {
        var previous = first
        for _ in 0..<10 {
            Thread.sleep(forTimeInterval: 0.1)
            let next = try screen()
            if next == previous { return next }
            previous = next
        }
        return previous
    }

    /// Waits until some row contains `text`.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 10) throws -> (found: Bool, screen: [String]) {
        try waitFor(seconds) { $0.contains { $0.contains(text) } }
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let result = try Tmux.run(["tmux", "-S", socket] + arguments)
        guard result.status == 0 else { throw TmuxError.failed(arguments, result.output) }
        return result.output
    }

    /// Runs a command and returns its exit status and output.
    ///
    /// Spawned directly and reaped with `waitpid`: the output goes through a file rather than a pipe,
    /// since the tmux server that `new-session` starts would hold a pipe open long after its client ended.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-output-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv: [UnsafeMutablePointer<CChar>?] = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ)
        guard spawned == 0 else { throw TmuxError.failed(arguments, "posix_spawn failed: \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED and WEXITSTATUS are macros: exited normally when the low 7 bits are zero.
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitStatus, output)
    }
}

enum TmuxError: Error, CustomStringConvertible {
    case failed([String], String)

    var description: String {
        switch self {
        case .failed(let arguments, let output): "tmux \(arguments.joined(separator: " ")) failed: \(output)"
        }
    }
}
