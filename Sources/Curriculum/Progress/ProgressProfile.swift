import Foundation

/// Where each learner's progress lives when several learners share one account.
///
/// The default learner's database is `$XDG_DATA_HOME/gradschool/progress.sqlite`
/// (`~/.local/share/gradschool/` when `XDG_DATA_HOME` is unset or not absolute), beside the
/// `progress.json` of earlier versions that it imports once. A named profile, chosen with
/// `--profile NAME` or `GRADSCHOOL_PROFILE=NAME`, has its own at `…/gradschool/profiles/NAME/`.
/// The name `default` is the default learner.
public enum ProgressProfile {
    /// The environment variable that names the profile when `--profile` is not given.
    public static let environmentKey = "GRADSCHOOL_PROFILE"
    /// The profile name that means the default learner.
    public static let defaultName = "default"

    /// The profile named by `explicit`, else by the environment, else nil for the default learner.
    public static func name(explicit: String?, environment: [String: String]) -> String? {
        let chosen = explicit ?? environment[environmentKey]
        guard let chosen, !chosen.isEmpty, chosen != defaultName else { return nil }
        return chosen
    }

    /// The JSON progress file of earlier versions for `profile` (nil for the default learner).
    public static func file(profile: String?, environment: [String: String]) throws(ProgressProfileError) -> URL {
        let directory = dataDirectory(environment: environment)
        guard let profile else { return directory.appendingPathComponent("progress.json") }
        guard isValid(profile) else { throw .badName(profile) }
        return directory.appendingPathComponent("profiles/\(profile)/progress.json")
    }

    /// The progress database of `profile` (nil for the default learner).
    public static func databaseFile(profile: String?, environment: [String: String]) throws(ProgressProfileError) -> URL {
        ProgressStore.databaseFile(besideJSON: try file(profile: profile, environment: environment))
    }

    /// The names of the profiles that have progress, sorted.
    public static func existing(environment: [String: String]) -> [String] {
        let profiles = dataDirectory(environment: environment).appendingPathComponent("profiles")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: profiles.path)) ?? []
        return names.filter { name in
            isValid(name) && ["progress.sqlite", "progress.json"].contains { file in
                FileManager.default.fileExists(atPath: profiles.appendingPathComponent("\(name)/\(file)").path)
            }
        }.sorted()
    }

    /// `gradschool` in the XDG data directory.
    static func dataDirectory(environment: [String: String]) -> URL {
        let base: URL
        // The XDG specification says a relative path is invalid and must be ignored.
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            base = URL(fileURLWithPath: dataHome, isDirectory: true)
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            base = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".local/share", isDirectory: true)
        }
        return base.appendingPathComponent("gradschool", isDirectory: true)
    }

    /// A profile name is 1 to 40 letters, digits, dashes and underscores, so it is a safe directory name.
    public static func isValid(_ name: String) -> Bool {
        (1...40).contains(name.count) && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }
}

/// Why a profile cannot be used.
public enum ProgressProfileError: Error, Equatable, CustomStringConvertible {
    case badName(String)

    public var description: String {
        switch self {
        case .badName(let name):
            "the profile name '\(name)' cannot be used: use 1 to 40 letters, digits, '-' or '_', e.g. --profile ada"
        }
    }
}
