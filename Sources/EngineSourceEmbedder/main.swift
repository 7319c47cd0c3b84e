import Foundation

// Writes a Swift file holding the text of every engine source file, keyed by its path inside the engine's
// folder. Arguments: the engine's folder, the output file, then the source files.
let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: EngineSourceEmbedder ENGINE_FOLDER OUTPUT.swift FILE.swift…\n".utf8))
    exit(64)
}
let folder = URL(fileURLWithPath: arguments[1]).standardizedFileURL.path
var lines = ["// Made while building from the engine's own source files; edit those, not this.",
             "extension EngineSource {",
             "    static let files: [EngineSourceFile] = ["]
for path in arguments.dropFirst(3).sorted() {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var relative = URL(fileURLWithPath: path).standardizedFileURL.path
    if relative.hasPrefix(folder + "/") { relative = String(relative.dropFirst(folder.count + 1)) }
    // A raw string whose delimiter has more #s than any run of #s in the text cannot end early.
    var longestRun = 0, run = 0
    for character in text + relative {
        run = character == "#" ? run + 1 : 0
        longestRun = max(longestRun, run)
    }
    let hashes = String(repeating: "#", count: longestRun + 1)
    lines.append("        EngineSourceFile(path: \(hashes)\"\(relative)\"\(hashes), text: \(hashes)\"\"\"")
    lines.append(text)
    lines.append("\"\"\"\(hashes)),")
}
lines.append("    ]")
lines.append("}")
let output = lines.joined(separator: "\n") + "\n"
let outputURL = URL(fileURLWithPath: arguments[2])
// Unchanged text is not rewritten, so the module is not compiled again for nothing.
if (try? String(contentsOf: outputURL, encoding: .utf8)) != output {
    try output.write(to: outputURL, atomically: true, encoding: .utf8)
}
