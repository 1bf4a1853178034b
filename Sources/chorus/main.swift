import Vapor
import Chorus
import Foundation

// chorus [serve|migrate|seed-demo|create-admin|backup PATH|restore PATH [--force]] — configuration comes from the
// environment (see docs/configuration.md).
let config: AppConfig
do {
    config = try AppConfig.fromEnvironment()
} catch {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(2)
}

// Restore runs before anything opens the database it replaces.
let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "restore" {
    let rest = arguments.dropFirst()
    let force = rest.contains("--force")
    let paths = rest.filter { $0 != "--force" }
    guard paths.count == 1, let path = paths.first, !path.hasPrefix("-") else {
        FileHandle.standardError.write(Data("usage: chorus restore PATH [--force]\n".utf8))
        exit(2)
    }
    do {
        let restored = try await Backup.restore(from: path, into: config, force: force)
        print("Restored \(path) into \(restored.joined(separator: ", ")). Start the server to finish (it runs any newer migrations).")
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("chorus: \(error)\n".utf8))
        exit(1)
    }
}

var env = try Environment.detect()
// LOG_LEVEL and --log choose the level either way; CHORUS_LOG_FORMAT=json writes one JSON object a line.
if config.logFormat == .json {
    try LoggingSystem.bootstrap(from: &env) { level in { label in JSONLogHandler(label: label, logLevel: level) } }
} else {
    try LoggingSystem.bootstrap(from: &env)
}
let app = try await Application.make(env)
do {
    try await configure(app, config: config)
    ChorusCommands.register(app)
    let command = env.arguments.dropFirst().first ?? "serve"
    if command == "serve" || command.hasPrefix("-") {
        try await ChorusCommands.prepareToServe(app)
    }
    try await app.execute()
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    FileHandle.standardError.write(Data("chorus: \(error)\n".utf8))
    exit(1)
}
try await app.asyncShutdown()
