import Foundation
import ChorusCore

/// What is wrong with one setting: a sentence that follows the variable's name.
public struct SettingProblem: Error, Equatable, Sendable, ExpressibleByStringInterpolation {
    public let message: String
    public init(stringLiteral value: String) { message = value }
}

/// Where email goes (CHORUS_SMTP_URL), parsed and checked at start-up like every other setting.
///
/// `smtp://host:25` (no password), `smtp://user:pass@host:587` (STARTTLS when the server offers it, and the password
/// is only sent over TLS, or to a server on this machine), `smtps://user:pass@host:465` (TLS from the first byte).
/// The user name and password are percent-decoded (`%40` for an `@` in a user name).
public struct SMTPSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// `smtps://`: TLS from the start. Otherwise STARTTLS is used whenever the server offers it.
    public var implicitTLS: Bool
    public var username: String?
    public var password: String?
    /// Longest wait for the server to connect or answer one command.
    public var timeoutSeconds: Int = 30

    public init(host: String, port: Int, implicitTLS: Bool, username: String? = nil, password: String? = nil, timeoutSeconds: Int = 30) {
        self.host = host; self.port = port; self.implicitTLS = implicitTLS
        self.username = username; self.password = password; self.timeoutSeconds = timeoutSeconds
    }

    /// The URL as it may be logged or shown: never the password.
    public var redacted: String {
        "\(implicitTLS ? "smtps" : "smtp")://" + (username.map { "\($0):***@" } ?? "") + "\(host):\(port)"
    }

    /// Parses CHORUS_SMTP_URL; the error is a sentence that follows the variable's name.
    public static func parse(_ raw: String) -> Result<SMTPSettings, SettingProblem> {
        let example = "(expected smtp://user:password@host:587, smtps://user:password@host:465 or smtp://host:25)"
        // Never repeat a password back: say what is wrong without echoing the value.
        guard let c = URLComponents(string: raw), let scheme = c.scheme?.lowercased() else {
            return .failure("is not a valid URL \(example)")
        }
        guard scheme == "smtp" || scheme == "smtps" else {
            return .failure("must start with smtp:// or smtps:// \(example)")
        }
        guard let host = c.host, !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            return .failure("has no host name \(example)")
        }
        if let port = c.port, !(1...65535).contains(port) { return .failure("must have a port from 1 to 65535") }
        if !(c.path.isEmpty || c.path == "/") || c.query != nil || c.fragment != nil {
            return .failure("must be only smtp(s)://user:password@host:port, with no path or query \(example)")
        }
        let user = c.user?.removingPercentEncoding ?? c.user
        let password = c.password?.removingPercentEncoding ?? c.password
        if (user ?? "").isEmpty != (password ?? "").isEmpty {
            return .failure("must have both a user name and a password, or neither \(example)")
        }
        for s in [user, password, host].compactMap({ $0 }) where s.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            return .failure("must not contain line breaks")
        }
        let implicit = scheme == "smtps"
        return .success(
            SMTPSettings(
                host: host, port: c.port ?? (implicit ? 465 : 25), implicitTLS: implicit,
                username: (user ?? "").isEmpty ? nil : user, password: (password ?? "").isEmpty ? nil : password))
    }
}

/// The sender of every email (CHORUS_MAIL_FROM): `Chorus <no-reply@example.org>` or a bare address.
public struct MailFrom: Sendable, Equatable {
    /// As written in the `From:` header.
    public let header: String
    /// The bare address, for SMTP's `MAIL FROM`.
    public let address: String

    public static func parse(_ raw: String) -> Result<MailFrom, SettingProblem> {
        let s = raw.trimmingCharacters(in: .whitespaces)
        if s.contains(where: { $0 == "\r" || $0 == "\n" }) || Validation.hasControlCharacters(s) {
            return .failure("must be one line, like Chorus <no-reply@example.org>")
        }
        if let open = s.lastIndex(of: "<"), s.hasSuffix(">") {
            let address = String(s[s.index(after: open)..<s.index(before: s.endIndex)])
            let name = s[..<open].trimmingCharacters(in: .whitespaces)
            guard Validation.isPlausibleEmail(address), !name.contains(where: { $0 == "<" || $0 == ">" }), address.allSatisfy(\.isASCII) else {
                return .failure("must be an email address, like Chorus <no-reply@example.org> or no-reply@example.org, got \"\(s)\"")
            }
            let safeName =
                !name.allSatisfy(\.isASCII)
                ? "=?UTF-8?B?\(Data(name.utf8).base64EncodedString())?="
                : name.contains(where: { ",;:\"()".contains($0) }) ? "\"" + name.replacingOccurrences(of: "\"", with: "") + "\"" : name
            return .success(MailFrom(header: safeName.isEmpty ? address : "\(safeName) <\(address)>", address: address))
        }
        guard Validation.isPlausibleEmail(s), s.allSatisfy(\.isASCII) else {
            return .failure("must be an email address, like Chorus <no-reply@example.org> or no-reply@example.org, got \"\(s)\"")
        }
        return .success(MailFrom(header: s, address: s))
    }

    /// `Chorus <no-reply@<host of the base URL>>`.
    public static func `default`(baseURL: URL) -> MailFrom {
        let address = "no-reply@\(baseURL.host ?? "chorus.local")"
        return MailFrom(header: "Chorus <\(address)>", address: address)
    }
}
