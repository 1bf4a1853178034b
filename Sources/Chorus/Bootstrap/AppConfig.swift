import Foundation
import ChorusCore

/// Start-up configuration, read from the environment and validated before anything else happens.
/// A bad value stops start-up with one line naming the variable (see `AppConfig.Problem`).
public struct AppConfig: Sendable, Equatable {
    public enum Database: Sendable, Equatable {
        case sqliteFile(path: String)
        case sqliteMemory
        case postgres(url: String)

        public var name: String {
            if case .postgres = self { return "postgres" }
            return "sqlite"
        }
    }

    public var host: String
    public var port: Int
    public var dataDirectory: String
    public var database: Database
    public var baseURL: URL
    /// Set explicitly, or nil to generate one and store it in the data directory.
    public var sessionSecret: String?
    public var seedDemo: Bool
    /// bcrypt cost for new password hashes (12 in production; tests lower it).
    public var bcryptCost: Int
    /// Activities within this many days of each other can overlap (CHORUS_OVERLAP_WINDOW_DAYS, default 28).
    public var overlapWindowDays: Int = 28
    /// Wards above this many asks per 1,000 residents per quarter are highlighted (CHORUS_FATIGUE_THRESHOLD, default 1.0).
    public var fatigueThreshold: Double = 1.0
    /// How long the work dashboard may show register-wide figures (a person's overlaps, an organisation's fatigue
    /// alerts, the partnership at a glance) before reading them again (CHORUS_DASHBOARD_CACHE_SECONDS, default 60;
    /// 0 reads them on every visit).
    public var dashboardCacheSeconds: Int = 60
    /// How log lines are written (CHORUS_LOG_FORMAT): Vapor's text (default) or one JSON object a line.
    public var logFormat: JSONLogLine.Format = .text
    /// Pre-election periods the consultation checks warn about (CHORUS_ELECTION_PERIODS,
    /// "2027-03-25..2027-05-06 Local elections; …"; default none).
    public var electionPeriods: [ElectionPeriod] = []
    /// Sentence embeddings for thematic analysis (`CHORUS_EMBEDDINGS`, on unless `off`); used only when the model
    /// is found (`CHORUS_EMBEDDING_MODEL` or the pip package).
    public var embeddings: Bool = true
    /// Send email through this SMTP server (CHORUS_SMTP_URL); nil writes `.eml` files to `<data dir>/outbox/`.
    public var smtp: SMTPSettings? = nil
    /// The sender of every email (CHORUS_MAIL_FROM); nil: `Chorus <no-reply@<host of CHORUS_BASE_URL>>`.
    public var mailFrom: MailFrom? = nil

    /// A connection on which nothing has been read or written for this long is closed (CHORUS_IDLE_TIMEOUT_SECONDS,
    /// default 120): a client that announces a body and then stalls does not keep its connection for ever.
    public var idleTimeoutSeconds: Int = 120

    /// Reverse proxies whose `X-Forwarded-For` is believed when working out a client's address for sign-in throttling
    /// and logs (CHORUS_TRUSTED_PROXIES, comma-separated CIDR ranges; default none: the socket's peer is the client).
    public var trustedProxies = TrustedProxies()

    /// The bearer token a monitoring system sends to read `/metrics` (CHORUS_METRICS_TOKEN, 24 characters or more);
    /// unset, `/metrics` answers 404.
    public var metricsToken: String? = nil
    /// Bot protection on public forms: the honeypot field and how fast a form may be sent (`CHORUS_FORM_MIN_SECONDS`).
    public var botCheck = BotCheck()
    /// Residents' sign-in codes an address and a client may ask for in an hour (`CHORUS_SIGN_IN_CODES_PER_ADDRESS`,
    /// `CHORUS_SIGN_IN_CODES_PER_CLIENT`).
    var signInLimits = ResidentSignInService.Limits()
    /// Card pledges for crowdfunding through Stripe; nil: residents pledge by cash, cheque or bank transfer only.
    public var stripe: StripeSettings? = nil
    /// The publisher prefix of 360Giving grant identifiers ("360G-<prefix>-…"), registered with 360Giving.
    public var grantPrefix: String = "chorus"

    /// The cookie `Secure` flag follows the public URL's scheme.
    public var secureCookies: Bool { baseURL.scheme == "https" }

    public struct Problem: Error, CustomStringConvertible, Equatable {
        public let variable: String
        public let message: String
        public var description: String { "Configuration error: \(variable) \(message)" }
    }

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws(Problem) -> AppConfig {
        func value(_ key: String) -> String? {
            guard let v = env[key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        let host = value("CHORUS_HOST") ?? "127.0.0.1"
        if host.contains(where: { $0.isWhitespace || $0 == "/" }) {
            throw Problem(variable: "CHORUS_HOST", message: "must be a host name or IP address, got \"\(host)\"")
        }
        var port = 8080
        if let p = value("CHORUS_PORT") {
            guard let n = Int(p), (1...65535).contains(n) else {
                throw Problem(variable: "CHORUS_PORT", message: "must be a whole number from 1 to 65535, got \"\(p)\"")
            }
            port = n
        }
        let dataDir = value("CHORUS_DATA_DIR") ?? "./data"
        let database: Database
        if let url = value("DATABASE_URL") {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
                guard URL(string: url)?.host != nil else {
                    throw Problem(
                        variable: "DATABASE_URL", message: "is not a valid postgres:// URL (expected postgres://user:password@host:5432/database)")
                }
                database = .postgres(url: url)
            } else if url == "sqlite::memory:" {
                database = .sqliteMemory
            } else if url.hasPrefix("sqlite://") {
                database = .sqliteFile(path: String(url.dropFirst("sqlite://".count)))
            } else {
                throw Problem(
                    variable: "DATABASE_URL", message: "must start with postgres:// or sqlite:// (or be unset to use \(dataDir)/chorus.sqlite)")
            }
        } else {
            database = .sqliteFile(path: (dataDir as NSString).appendingPathComponent("chorus.sqlite"))
        }
        let base = value("CHORUS_BASE_URL") ?? "http://\(host):\(port)"
        guard let baseURL = URL(string: base), let scheme = baseURL.scheme, ["http", "https"].contains(scheme), baseURL.host != nil else {
            throw Problem(variable: "CHORUS_BASE_URL", message: "must be an absolute http:// or https:// URL, got \"\(base)\"")
        }
        let secret = value("CHORUS_SESSION_SECRET")
        if let s = secret, s.utf8.count < 32 {
            throw Problem(
                variable: "CHORUS_SESSION_SECRET", message: "must be at least 32 characters (it signs form tokens); unset it to have one generated")
        }
        var demo = false
        if let d = value("CHORUS_DEMO") {
            switch d.lowercased() {
            case "1", "true", "yes": demo = true
            case "0", "false", "no": demo = false
            default: throw Problem(variable: "CHORUS_DEMO", message: "must be 1 or 0, got \"\(d)\"")
            }
        }
        var config = AppConfig(
            host: host, port: port, dataDirectory: dataDir, database: database, baseURL: baseURL,
            sessionSecret: secret, seedDemo: demo, bcryptCost: 12)
        if let w = value("CHORUS_OVERLAP_WINDOW_DAYS") {
            guard let n = Int(w), (0...365).contains(n) else {
                throw Problem(variable: "CHORUS_OVERLAP_WINDOW_DAYS", message: "must be a whole number of days from 0 to 365, got \"\(w)\"")
            }
            config.overlapWindowDays = n
        }
        if let t = value("CHORUS_FATIGUE_THRESHOLD") {
            guard let x = Double(t), x > 0, x < 1000 else {
                throw Problem(
                    variable: "CHORUS_FATIGUE_THRESHOLD", message: "must be a positive number of asks per 1,000 residents per quarter, got \"\(t)\"")
            }
            config.fatigueThreshold = x
        }
        if let f = value("CHORUS_LOG_FORMAT") {
            guard let format = JSONLogLine.Format(rawValue: f.lowercased()) else {
                throw Problem(variable: "CHORUS_LOG_FORMAT", message: "must be text or json, got \"\(f)\"")
            }
            config.logFormat = format
        }
        if let c = value("CHORUS_DASHBOARD_CACHE_SECONDS") {
            guard let n = Int(c), (0...3600).contains(n) else {
                throw Problem(variable: "CHORUS_DASHBOARD_CACHE_SECONDS", message: "must be a whole number of seconds from 0 to 3600, got \"\(c)\"")
            }
            config.dashboardCacheSeconds = n
        }
        if let e = value("CHORUS_EMBEDDINGS") {
            switch e.lowercased() {
            case "on", "1", "true", "yes": config.embeddings = true
            case "off", "0", "false", "no": config.embeddings = false
            default: throw Problem(variable: "CHORUS_EMBEDDINGS", message: "must be on or off, got \"\(e)\"")
            }
        }
        if let e = value("CHORUS_ELECTION_PERIODS") {
            switch ElectionPeriod.parseList(e) {
            case .success(let periods): config.electionPeriods = periods
            case .failure(let problem): throw Problem(variable: "CHORUS_ELECTION_PERIODS", message: problem.message)
            }
        }
        if let u = value("CHORUS_SMTP_URL") {
            switch SMTPSettings.parse(u) {
            case .success(var smtp):
                if let t = value("CHORUS_SMTP_TIMEOUT_SECONDS") {
                    guard let n = Int(t), (1...600).contains(n) else {
                        throw Problem(
                            variable: "CHORUS_SMTP_TIMEOUT_SECONDS", message: "must be a whole number of seconds from 1 to 600, got \"\(t)\"")
                    }
                    smtp.timeoutSeconds = n
                }
                config.smtp = smtp
            case .failure(let problem): throw Problem(variable: "CHORUS_SMTP_URL", message: problem.message)
            }
        } else if value("CHORUS_SMTP_TIMEOUT_SECONDS") != nil {
            throw Problem(variable: "CHORUS_SMTP_TIMEOUT_SECONDS", message: "is set but CHORUS_SMTP_URL is not (the timeout is for the SMTP server)")
        }
        if let t = value("CHORUS_IDLE_TIMEOUT_SECONDS") {
            guard let n = Int(t), (5...3600).contains(n) else {
                throw Problem(variable: "CHORUS_IDLE_TIMEOUT_SECONDS", message: "must be a whole number of seconds from 5 to 3600, got \"\(t)\"")
            }
            config.idleTimeoutSeconds = n
        }
        if let f = value("CHORUS_MAIL_FROM") {
            switch MailFrom.parse(f) {
            case .success(let from): config.mailFrom = from
            case .failure(let problem): throw Problem(variable: "CHORUS_MAIL_FROM", message: problem.message)
            }
        }
        if let p = value("CHORUS_TRUSTED_PROXIES") {
            switch TrustedProxies.parse(p) {
            case .success(let proxies): config.trustedProxies = proxies
            case .failure(let problem): throw Problem(variable: "CHORUS_TRUSTED_PROXIES", message: problem.message)
            }
        }
        if let t = value("CHORUS_METRICS_TOKEN") {
            guard t.count >= 24, t.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline }) else {
                throw Problem(
                    variable: "CHORUS_METRICS_TOKEN", message: "must be 24 or more characters with no spaces (for example from openssl rand -hex 24)")
            }
            config.metricsToken = t
        }
        if let m = value("CHORUS_FORM_MIN_SECONDS") {
            guard let n = Int(m), (0...60).contains(n) else { throw Problem(variable: "CHORUS_FORM_MIN_SECONDS", message: "must be 0 to 60") }
            config.botCheck.minimumSeconds = TimeInterval(n)
        }
        for (variable, path) in [
            ("CHORUS_SIGN_IN_CODES_PER_ADDRESS", \ResidentSignInService.Limits.perAddress), ("CHORUS_SIGN_IN_CODES_PER_CLIENT", \.perClient),
        ] {
            guard let v = value(variable) else { continue }
            guard let n = Int(v), (1...10_000).contains(n) else { throw Problem(variable: variable, message: "must be 1 to 10000") }
            config.signInLimits[keyPath: path] = n
        }
        if let key = value("CHORUS_STRIPE_SECRET_KEY") {
            guard let hook = value("CHORUS_STRIPE_WEBHOOK_SECRET") else {
                throw Problem(
                    variable: "CHORUS_STRIPE_WEBHOOK_SECRET",
                    message: "must be set with CHORUS_STRIPE_SECRET_KEY (the webhook endpoint's whsec_… secret)")
            }
            var stripe = StripeSettings(secretKey: key, webhookSecret: hook)
            if let u = value("CHORUS_STRIPE_API_URL") {
                guard let url = URL(string: u), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                    throw Problem(variable: "CHORUS_STRIPE_API_URL", message: "must be an http(s) URL, got \"\(u)\"")
                }
                stripe.apiURL = u.trimmingSuffix("/")
            }
            config.stripe = stripe
        } else if value("CHORUS_STRIPE_WEBHOOK_SECRET") != nil {
            throw Problem(variable: "CHORUS_STRIPE_WEBHOOK_SECRET", message: "is set but CHORUS_STRIPE_SECRET_KEY is not")
        }
        if let p = value("CHORUS_360G_PREFIX") {
            if let problem = ThreeSixtyGiving.publisherPrefixProblem(p) { throw Problem(variable: "CHORUS_360G_PREFIX", message: problem) }
            config.grantPrefix = p
        }
        return config
    }

    /// A configuration for tests: in-memory SQLite, or PostgreSQL when DATABASE_URL is set.
    public static func testing(env: [String: String] = ProcessInfo.processInfo.environment) -> AppConfig {
        let db: Database = env["DATABASE_URL"].flatMap { $0.hasPrefix("postgres") ? Database.postgres(url: $0) : nil } ?? .sqliteMemory
        var config = AppConfig(
            host: "127.0.0.1", port: 8080, dataDirectory: NSTemporaryDirectory(), database: db,
            baseURL: URL(string: "http://localhost:8080")!,
            sessionSecret: String(repeating: "t", count: 40), seedDemo: false, bcryptCost: 4)
        // Loading the model takes a second; the tests that need it load it themselves.
        config.embeddings = false
        // Tests post forms at once; the bot check's timing has tests of its own that set it.
        config.botCheck.minimumSeconds = 0
        return config
    }
}
