import Vapor
import Fluent
import FluentSQLiteDriver
import FluentPostgresDriver
import SQLKit
import NIOConcurrencyHelpers

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }
    private struct SecretKey: StorageKey { typealias Value = String }

    public var chorusConfig: AppConfig {
        get { storage[ConfigKey.self]! }
        set { storage[ConfigKey.self] = newValue }
    }

    /// Signs form (CSRF) tokens. From CHORUS_SESSION_SECRET, else generated once and kept in the data directory.
    var sessionSecret: String {
        get { storage[SecretKey.self] ?? "" }
        set { storage[SecretKey.self] = newValue }
    }
}

/// Sets up database, middleware and routes. Migrations are run by the caller (`serve`, `migrate`, tests).
public func configure(_ app: Application, config: AppConfig, postgresSchema: String? = nil) async throws {
    app.chorusConfig = config
    GuardedFormDataDecoder.install()
    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    app.http.server.configuration.idleTimeout = .seconds(Int64(config.idleTimeoutSeconds))
    app.passwords.use(.bcrypt(cost: config.bcryptCost))

    // A 30 s wait for a connection on either database, not the drivers' 10 s: on a busy 2-core machine (CI running
    // every suite at once) an analysis storing its themes held SQLite's connection for 12 s and a request on the same
    // event loop failed with connectionRequestTimeout.
    let poolWait = TimeAmount.seconds(30)
    switch config.database {
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory, connectionPoolTimeout: poolWait), as: .sqlite)
    case .sqliteFile(let path):
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: poolWait), as: .sqlite)
    case .postgres(let url):
        var pg = try SQLPostgresConfiguration(url: url)
        if let schema = postgresSchema { pg.searchPath = [schema] }
        // 30 s to open a connection rather than the driver's 10 s, like the pool wait below: a PostgreSQL busy with a
        // burst of new connections (the whole suite starting at once on 2 cores) took longer and an import failed.
        pg.coreConfiguration.options.connectTimeout = .seconds(30)
        // Four connections per event loop: with the driver's default of one, a burst of 80 concurrent API requests on a
        // busy 2-core machine had requests fail waiting for a connection.
        app.databases.use(.postgres(configuration: pg, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: poolWait), as: .psql)
    }
    if let schema = postgresSchema, let sql = app.db as? any SQLDatabase {
        // Tests give each run its own schema so suites can run side by side on one PostgreSQL.
        try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
    }
    if case .sqliteFile = config.database, let sql = app.db as? any SQLDatabase {
        // WAL lets readers carry on while a write is in progress; the setting is stored in the file.
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        // A page cache of up to 64 MB on each connection (one per event loop) rather than SQLite's 2 MB: closing 1,000
        // crowdfunding projects (bench/README.md) spilled dirty pages to the log mid-transaction and read index pages
        // back from the operating system. The setting lasts as long as the connection, which the pool keeps.
        for loop in app.eventLoopGroup.makeIterator() {
            guard let db = app.databases.database(.sqlite, logger: app.logger, on: loop) as? any SQLDatabase else { continue }
            try await db.raw("PRAGMA cache_size = -65536").run()
        }
    }
    for m in Migrations.all { app.migrations.add(m) }

    app.sessionSecret = try config.sessionSecret ?? loadOrCreateSecret(dataDirectory: config.dataDirectory)

    app.middleware = Middlewares()
    app.serving = NIOLockedValueBox(ServingState())
    app.middleware.use(RefuseWhenStoppedMiddleware())
    app.requestMetrics = RequestMetrics()
    app.middleware.use(RequestMetricsMiddleware())
    app.middleware.use(ClientAddressMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ChorusErrorMiddleware())
    app.writeGate = WriteGate(enabled: config.database.name == "sqlite")
    app.middleware.use(WriteGateMiddleware())
    app.publicPages = PublicPageCache(clock: PublicPagesClock(shared: config.database.name != "sqlite"))
    app.middleware.use(PublicPagesChangeMiddleware())
    // Background jobs: features register their sweep steps as their routes are registered.
    app.jobSweep = JobSweep()
    app.embeddingEngine = EmbeddingEngine(enabled: config.embeddings)
    // Stored once: the getter's fallback is a new queue each time, so the queue's progress (the analysis list,
    // /metrics) always read "not running" and nothing stopped a second start on this server.
    app.embeddingQueue = InsightEmbeddings.Queue()
    app.startComputePool()  // before the jobs' handler, so it stops after they have finished
    if app.environment != .testing { app.lifecycle.use(JobSweepWorker()) }
    app.lifecycle.use(RunningJobsLifecycle())  // after the databases, so it runs before they close
    try routes(app)
    app.lifecycle.use(StopServingFirst())  // last, so that on shutdown it runs first (GracefulShutdown.swift)
}

private func loadOrCreateSecret(dataDirectory: String) throws -> String {
    let path = (dataDirectory as NSString).appendingPathComponent("session-secret")
    if let s = try? String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), s.count >= 32 {
        return s
    }
    try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
    let secret = Tokens.make()
    FileManager.default.createFile(atPath: path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600])
    return secret
}

/// Headers every response carries: no framing, no MIME sniffing, a strict content policy (no inline script, no `<base>`,
/// forms post only here), and `Cache-Control: no-store` unless the response chose its own caching (pages, CSV exports
/// and API answers carry names, contact emails and residents' words; only static assets are cached).
///
/// It is also the last guard on header values: a value holding CR, LF or NUL would end its header and start another
/// (`Set-Cookie` through a redirect's `Location`), so such a header is dropped, never sent, and the fault logged.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let res = try await next.respond(to: req)
        res.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        res.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        res.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        res.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        if !res.headers.contains(name: .cacheControl) { res.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        Self.dropUnsafeHeaders(res, logger: req.logger)
        return res
    }

    static func isUnsafe(_ s: String) -> Bool { s.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 } }

    static func dropUnsafeHeaders(_ res: Response, logger: Logger) {
        let unsafe = Set(res.headers.filter { isUnsafe($0.name) || isUnsafe($0.value) }.map(\.name))
        for name in unsafe {
            logger.error("Dropped response header \(name.debugDescription): its value held a line break or NUL")
            res.headers.remove(name: name)
            if name.lowercased() == "location" { res.headers.replaceOrAdd(name: .location, value: SiteURL.home) }
        }
    }
}
