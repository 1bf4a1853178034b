import Vapor
import Chorus
import Foundation

// chorus [serve|migrate|seed-demo|create-admin] — configuration comes from the environment (see README).
let config: AppConfig
do {
    config = try AppConfig.fromEnvironment()
} catch {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(2)
}

var env = try Environment.detect()
try LoggingSystem.bootstrap(from: &env)
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
