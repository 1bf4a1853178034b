import Vapor
import NIOConcurrencyHelpers

/// What a view may know of the request that asked for it: the reader's language (and so every string), the form
/// token its forms carry, where the reader is (for the navigation and the language switcher) and who is signed in.
/// Views take this, never a `Request`, so a page is a pure function of its model and this context, and a snapshot
/// test can render it without a server.
///
/// It remembers whether any string fell back to English, so the page shell can mark that content `lang="en"`
/// (WCAG 3.1.2, language of parts).
final class PageContext: Sendable {
    let language: UILanguage
    let csrfToken: String
    /// The path and query the reader asked for (`/insights?q=parks`).
    let location: String
    /// The path alone.
    let path: String
    let user: CurrentUser?
    private let fellBack: NIOLockedValueBox<Bool>

    init(
        language: UILanguage, csrfToken: String, path: String, query: String? = nil, user: CurrentUser?,
        fellBack: NIOLockedValueBox<Bool> = NIOLockedValueBox(false)
    ) {
        self.fellBack = fellBack
        self.language = language
        self.csrfToken = csrfToken
        self.path = path
        self.location = path + (query.map { "?" + $0 } ?? "")
        self.user = user
    }

    /// A catalogue string in the reader's language.
    func t(_ key: String) -> String {
        if language != .english && !Catalogue.isTranslated(key, language) { fellBack.withLockedValue { $0 = true } }
        return Catalogue.text(key, language)
    }

    /// With arguments: `{1}`, `{2}`… in the catalogue text are replaced in order (word order may differ by language).
    func t(_ key: String, _ args: any CustomStringConvertible...) -> String {
        Catalogue.format(t(key), args.map(\.description))
    }

    /// Whether any string so far fell back to English.
    var usedEnglishFallback: Bool { fellBack.withLockedValue { $0 } }
}

extension Request {
    private struct FallbackKey: StorageKey { typealias Value = NIOLockedValueBox<Bool> }

    /// This request's page context as it stands (signed-in person, form token). Every context of one request shares
    /// one English-fallback flag, so strings looked up through the request and through a context count alike.
    var page: PageContext {
        let fellBack: NIOLockedValueBox<Bool>
        if let existing = storage[FallbackKey.self] {
            fellBack = existing
        } else {
            fellBack = NIOLockedValueBox(false)
            storage[FallbackKey.self] = fellBack
        }
        return PageContext(language: language, csrfToken: csrfToken, path: url.path, query: url.query, user: currentUser, fellBack: fellBack)
    }
}
