import Vapor
import Fluent
import SQLKit
import ChorusCore

/// Everything `chorus` can do besides `serve`: migrate, seed-demo, create-admin, backup (restore is in `main.swift`,
/// since it must run before the database is opened).
public enum ChorusCommands {
    public static func register(_ app: Application) {
        app.asyncCommands.use(MigrateDatabase(), as: "migrate")
        app.asyncCommands.use(SeedDemo(), as: "seed-demo")
        app.asyncCommands.use(CreateAdmin(), as: "create-admin")
        app.asyncCommands.use(SeedBench(), as: "seed-bench")
        app.asyncCommands.use(SeedDirectoryBench(), as: "seed-directory-bench")
        app.asyncCommands.use(BackupCommand(), as: "backup")
        app.asyncCommands.use(PrivacyTable(), as: "privacy-table")
        app.asyncCommands.use(RetentionBenchCommand(), as: "retention-bench")
        app.asyncCommands.use(SurveyBenchCommand(), as: "survey-bench")
        app.asyncCommands.use(BudgetBenchCommand(), as: "pb-bench")
        app.asyncCommands.use(PanelReplayCommand(), as: "panel-replay")
        app.asyncCommands.use(CrowdfundBenchCommand(), as: "crowdfund-bench")
    }

    /// Before serving: migrate, seed the demo borough into an empty database when asked, print where to go.
    public static func prepareToServe(_ app: Application) async throws {
        try await app.migrateUnderLock()
        let config = app.chorusConfig
        var seeded = false
        if config.seedDemo { seeded = try await DemoSeed.seedIfEmpty(app) }
        if let sql = app.db as? any SQLDatabase, sql.dialect.name == "sqlite" {
            // SQLite plans from the statistics ANALYZE keeps; without them it ignores the register's covering
            // indexes (measured: overlap candidates 2-3x slower, the fatigue table 6x). This analyses the tables that have
            // never been analysed, have a new index, or have grown or shrunk tenfold since: cheap when nothing changed.
            try await sql.raw("PRAGMA optimize=0x10002").run()
        }
        var lines = ["", "Chorus is running at \(config.baseURL.absoluteString)  (database: \(config.database.name))"]
        if config.seedDemo {
            lines.append(
                seeded
                    ? "Demo borough loaded. Demo logins (password \(DemoSeed.password)):"
                    : "Demo logins (password \(DemoSeed.password), unless changed):")
            lines += DemoSeed.logins.map { "  \($0.0.padding(toLength: 26, withPad: " ", startingAt: 0)) \($0.1)" }
        }
        print(lines.joined(separator: "\n") + "\n")
    }
}

struct MigrateDatabase: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Creates or updates the database tables." }
    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.migrateUnderLock()
        context.console.print("Migrations are up to date (\(context.application.chorusConfig.database.name)).")
    }
}

/// Prints the personal data registry as the data protection officer's table (Markdown), for a DPIA.
struct PrivacyTable: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Prints what personal data Chorus keeps about residents, why, on what basis, and for how long (Markdown)." }
    func run(using context: CommandContext, signature: Signature) async throws {
        context.console.print(PersonalDataRegistry.dpiaTable())
    }
}

struct SeedDemo: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Loads the fictional Harbourside borough into an empty database." }
    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.migrateUnderLock()
        if try await DemoSeed.seedIfEmpty(context.application) {
            context.console.print("Demo borough loaded. Sign in as \(DemoSeed.adminEmail) with password \(DemoSeed.password).")
        } else {
            context.console.print("The database already has organisations; nothing was changed.")
        }
    }
}

struct CreateAdmin: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "Email address to sign in with") var email: String?
        @Option(name: "name", help: "Full name") var name: String?
        @Option(name: "organisation", help: "Organisation name (created as a council if it does not exist)") var organisation: String?
    }
    var help: String { "Creates a partnership admin. Reads the password from CHORUS_ADMIN_PASSWORD or asks for it." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateUnderLock()
        let email = (signature.email ?? context.console.ask("Email address:")).trimmingCharacters(in: .whitespaces).lowercased()
        let name = signature.name ?? context.console.ask("Full name:")
        let orgName = signature.organisation ?? "Partnership"
        let password =
            ProcessInfo.processInfo.environment["CHORUS_ADMIN_PASSWORD"] ?? context.console.ask("Password (12+ characters):", isSecure: true)
        var v = Validator()
        _ = v.email("email", email, label: "Email address", required: true)
        _ = v.required("name", name, label: "Full name", max: 120)
        if password.count < 12 { v.add("password", "Choose a password of at least 12 characters") }
        do { try v.check() } catch {
            throw CommandFailure(message: error.errors.map { "\($0.field): \($0.message)" }.joined(separator: "; "))
        }
        let hash = try Bcrypt.hash(password, cost: app.chorusConfig.bcryptCost)
        try await app.db.transaction { db in
            if try await Person.query(on: db).filter(\.$email == email).first() != nil {
                throw CommandFailure(message: "email: someone already has the email address \(email)")
            }
            let org: Organisation
            if let existing = try await Organisation.query(on: db).filter(\.$name == orgName).first() {
                org = existing
            } else {
                org = Organisation()
                org.name = orgName; org.type = OrganisationType.council.rawValue
                try await org.create(on: db)
            }
            let p = Person()
            p.email = email; p.name = name; p.role = Role.partnershipAdmin.rawValue; p.$organisation.id = org.id!
            p.active = true; p.passwordHash = hash
            try await p.create(on: db)
            try await AuditService.record(
                db, actor: .system, action: .create, entity: "person", id: p.id,
                label: PeopleResource().label(p), after: PeopleResource().values(p))
        }
        context.console.print("Created partnership admin \(email).")
    }
}

/// A command that cannot do what was asked; `chorus` prints the message and exits with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
