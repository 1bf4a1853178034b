import Vapor

/// A language Chorus can show its interface in. `dir` follows the script.
public struct UILanguage: Sendable, Equatable {
    public let code: String
    /// The language's own name, shown in the switcher (so a reader finds their language without reading English).
    public let nativeName: String
    public let isRightToLeft: Bool
    public var dir: String { isRightToLeft ? "rtl" : "ltr" }

    public static let english = UILanguage(code: "en", nativeName: "English", isRightToLeft: false)
    public static let urdu = UILanguage(code: "ur", nativeName: "اردو", isRightToLeft: true)
    public static let all: [UILanguage] = [.english, .urdu]

    public static func named(_ code: String?) -> UILanguage? {
        guard let code = code?.lowercased() else { return nil }
        return all.first { $0.code == code }
    }
}

extension Request {
    static let languageCookie = "chorus_lang"

    /// The reader's language: their saved choice, else the first supported language in Accept-Language, else English.
    public var language: UILanguage {
        if let saved = UILanguage.named(cookies[Self.languageCookie]?.string) { return saved }
        for entry in headers[.acceptLanguage].flatMap({ $0.split(separator: ",") }) {
            let code = entry.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if let lang = UILanguage.named(String(code.prefix(2))) { return lang }
        }
        return .english
    }

    /// A catalogue string in the reader's language (see `PageContext.t`).
    public func t(_ key: String) -> String { page.t(key) }

    /// Whether any string so far fell back to English.
    var usedEnglishFallback: Bool { page.usedEnglishFallback }
    /// With arguments: `{1}`, `{2}`… in the catalogue text are replaced in order (word order may differ by language).
    public func t(_ key: String, _ args: any CustomStringConvertible...) -> String {
        Catalogue.format(t(key), args.map(\.description))
    }
}

extension Response {
    /// Keeps the reader's language choice for a year (the switcher, a resident's profile, a survey page's own switch).
    func rememberLanguage(_ lang: UILanguage, _ req: Request) {
        cookies[Request.languageCookie] = HTTPCookies.Value(
            string: lang.code, maxAge: 365 * 24 * 3600, path: "/", isSecure: req.application.chorusConfig.secureCookies, isHTTPOnly: true,
            sameSite: .lax)
    }
}
