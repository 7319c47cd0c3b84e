import Foundation
import PackagePlugin

/// Embeds the engine's source files (the `Neural` target) in the `EngineSource` module as it is built, so
/// a lesson can show the very code the binary trains with. Any change to an engine file rebuilds it.
@main
struct EngineSourcePlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let engine = try context.package.targets(named: ["Neural"]).first as? SourceModuleTarget else { return [] }
        let files = engine.sourceFiles(withSuffix: "swift").map(\.url).sorted { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EngineSourceFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding the engine's source in EngineSource",
                executable: try context.tool(named: "EngineSourceEmbedder").url,
                arguments: [context.package.directoryURL.appendingPathComponent("Sources/Neural").path, output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            ),
        ]
    }
}
