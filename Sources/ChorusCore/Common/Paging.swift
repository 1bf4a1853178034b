/// Which slice of a long list to show. Page numbers start at 1; out-of-range input is clamped, never an error.
public struct PageWindow: Sendable, Equatable {
    public static let defaultSize = 25
    public static let maxSize = 200
    public let page: Int
    public let size: Int

    public init(page: Int?, size: Int? = nil) {
        self.page = min(1_000_000, max(1, page ?? 1))
        self.size = min(Self.maxSize, max(1, size ?? Self.defaultSize))
    }

    public var offset: Int { (page - 1) * size }
}

/// One page of results with the numbers a pager needs.
public struct PageOf<T: Sendable>: Sendable {
    public let items: [T]
    public let page: Int
    public let size: Int
    /// How many match; when `totalIsCapped`, the count stopped here and more than this many match.
    public let total: Int
    public let totalIsCapped: Bool

    public init(items: [T], request: PageWindow, total: Int, totalIsCapped: Bool = false) {
        self.items = items
        self.page = request.page
        self.size = request.size
        self.total = total
        self.totalIsCapped = totalIsCapped
    }

    /// A capped count (`counted` is what a count limited to `cap + 1` rows found): exact up to `cap`, else "more
    /// than `cap`". Choose a cap of at least the end of this page, so that a page that exists is never past it.
    public init(items: [T], request: PageWindow, counted: Int, cap: Int) {
        self.init(items: items, request: request, total: min(counted, cap), totalIsCapped: counted > cap)
    }

    /// With a capped total, the pages known to exist (there are more).
    public var pageCount: Int { max(1, (total + size - 1) / size) }
    public var hasPrevious: Bool { page > 1 }
    public var hasNext: Bool { totalIsCapped || page < pageCount }
    /// 1-based index of the first and last item shown, for "Showing 26 to 50 of 312".
    public var firstShown: Int { total == 0 ? 0 : (page - 1) * size + 1 }
    public var lastShown: Int { min(total, page * size) }

    public func map<U: Sendable>(_ f: (T) throws -> U) rethrows -> PageOf<U> {
        PageOf<U>(items: try items.map(f), request: PageWindow(page: page, size: size), total: total, totalIsCapped: totalIsCapped)
    }
}
