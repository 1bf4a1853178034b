import Vapor
import ChorusCore
import NIOConcurrencyHelpers

/// Public pages and feeds made once and served to every reader until something is written (`PublicPagesClock`).
/// A "You said, we did" report emailed to thousands of residents who open it at once took 47 ms of work each, and the
/// server down with it (issue 19's measurements); from here it costs a lookup and a copy.
///
/// A page is cached only for readers who are not signed in (a signed-in page shows its reader), per address, language
/// and day (pages say "open now" and "closes tomorrow"). The one part that differs between anonymous readers, the
/// CSRF token in forms, is made with a placeholder and each copy gets its reader's own token. Entries carry an `ETag`
/// and `Last-Modified`, so a phone or calendar app that checks again gets `304 Not Modified`.
final class PublicPageCache: Sendable {
    /// Bytes of pages kept (the oldest unused go first). At about 40 KB a page, some 1,600 pages.
    static let capacity = 64 << 20

    struct Key: Hashable, Sendable {
        let address: String
        let language: String
        let day: Day
    }

    struct Entry: Sendable {
        let headers: HTTPHeaders
        /// The body split where the CSRF token goes (one part when the page has no form).
        let parts: [ByteBuffer]
        let tag: String
        let lastModified: Date
        var size: Int { parts.reduce(0) { $0 + $1.readableBytes } }
    }

    enum Outcome: String, CaseIterable, Sendable {
        case hit, miss, notModified = "not_modified", notCached = "not_cached"
    }

    let clock: PublicPagesClock
    /// Stands in for the CSRF token while a cached page is made; random, so no page text can contain it.
    let placeholder = "chorus-token-" + Tokens.make().replacingOccurrences(of: "-", with: "x").replacingOccurrences(of: "_", with: "y")
    private let store = NIOLockedValueBox(BoundedCache<Key, Entry>(capacity: PublicPageCache.capacity))
    private let outcomes = NIOLockedValueBox([Outcome: Int]())
    private struct Making: Hashable { let key: Key, generation: Int64 }
    /// Readers waiting for a page another request is making (`make`).
    private let waiting = NIOLockedValueBox([Making: [CheckedContinuation<Entry?, Never>]]())

    init(clock: PublicPagesClock) { self.clock = clock }

    func entry(_ key: Key, generation: Int64) -> Entry? { store.withLockedValue { $0.value(key, generation: generation) } }

    func keep(_ entry: Entry, _ key: Key, generation: Int64) {
        store.withLockedValue { $0.insert(entry, size: entry.size, for: key, generation: generation) }
    }

    /// The entry for `key`, made once however many readers ask at the same moment: the first makes it with `body`
    /// (nil when its answer cannot be kept), the others wait for that. Without this, the moment after any write, each of
    /// 200 concurrent readers made the page itself (seen with wrk: 200 renders queued on a 2-core machine, every
    /// connection waited seconds for a page that was then in the cache).
    func make(_ key: Key, generation: Int64, _ body: () async throws -> Entry?) async rethrows -> (entry: Entry?, made: Bool) {
        let job = Making(key: key, generation: generation)
        let leads = waiting.withLockedValue { w -> Bool in
            if w[job] != nil { return false }
            w[job] = []
            return true
        }
        guard leads else {
            let entry = await withCheckedContinuation { (c: CheckedContinuation<Entry?, Never>) in
                let queued = waiting.withLockedValue { w -> Bool in
                    guard w[job] != nil else { return false }
                    w[job]!.append(c)
                    return true
                }
                // The maker finished between the two looks: the cache has its page, if it kept one.
                if !queued { c.resume(returning: self.entry(key, generation: generation)) }
            }
            return (entry, false)
        }
        var made: Entry? = nil
        defer {
            let followers = waiting.withLockedValue { $0.removeValue(forKey: job) } ?? []
            for f in followers { f.resume(returning: made) }
        }
        made = try await body()
        if let made { keep(made, key, generation: generation) }
        return (made, true)
    }

    func count(_ outcome: Outcome) { outcomes.withLockedValue { $0[outcome, default: 0] += 1 } }

    /// Requests by outcome since the server started, and the bytes of pages held (for `/metrics`).
    var statistics: (outcomes: [Outcome: Int], bytes: Int, pages: Int) {
        let held = store.withLockedValue { ($0.bytes, $0.count) }
        return (outcomes.withLockedValue { $0 }, held.0, held.1)
    }

    /// A response made with the placeholder token, as an entry: its body split at the placeholder.
    func entry(from response: Response, lastModified: Date) -> Entry? {
        guard let buffer = response.body.buffer else { return nil }
        let text = String(buffer: buffer)
        var headers = response.headers
        for name in [HTTPHeaders.Name.cacheControl, .contentLength, .setCookie, .eTag, .lastModified] { headers.remove(name: name) }
        let parts = text.components(separatedBy: placeholder).map { ByteBuffer(string: $0) }
        return Entry(headers: headers, parts: parts, tag: String(Tokens.hash(text).prefix(20)), lastModified: lastModified)
    }

    /// The entry as `req`'s response: its own CSRF token in every form, or `304` when the reader's copy is current.
    func response(_ entry: Entry, for req: Request) -> Response {
        let token = req.csrfToken
        let tag = entry.parts.count > 1 ? "\"\(entry.tag)-\(Tokens.hash(token).prefix(12))\"" : "\"\(entry.tag)\""
        var headers = entry.headers
        // Browsers may keep the page but must ask again each time: the answer is a 304 while it is current.
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-cache")
        headers.replaceOrAdd(name: .eTag, value: tag)
        headers.replaceOrAdd(name: .lastModified, value: HTTPDate.format(entry.lastModified))
        if ConditionalGet.isNotModified(
            ifNoneMatch: req.headers.first(name: .ifNoneMatch), ifModifiedSince: req.headers.first(name: .ifModifiedSince),
            etag: tag, lastModified: entry.lastModified)
        {
            count(.notModified)
            headers.remove(name: .contentType)
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(buffer: body(entry, token: token)))
    }

    /// The entry's body with `token` where the placeholder was.
    func body(_ entry: Entry, token: String) -> ByteBuffer {
        var body = ByteBufferAllocator().buffer(capacity: entry.size + token.utf8.count * (entry.parts.count - 1))
        for (i, part) in entry.parts.enumerated() {
            if i > 0 { body.writeString(token) }
            body.writeImmutableBuffer(part)
        }
        return body
    }
}

extension Application {
    private struct PublicPageCacheKey: StorageKey { typealias Value = PublicPageCache }
    /// Set up once in `configure`.
    var publicPages: PublicPageCache {
        get { storage[PublicPageCacheKey.self] ?? PublicPageCache(clock: PublicPagesClock(shared: false)) }
        set { storage[PublicPageCacheKey.self] = newValue }
    }
}
