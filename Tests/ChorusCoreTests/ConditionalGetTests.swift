import Foundation
import Testing

@testable import ChorusCore

/// When a client's cached page or feed is still current (RFC 9110 §13), and the bounded cache behind public pages.
@Suite struct ConditionalGetTests {
    let modified = Date(timeIntervalSince1970: 1_796_000_000.6)  // a fractional second, as the server's clock gives

    @Test func httpDatesRoundTripInTheOneFormatTheRFCPrefers() {
        let text = HTTPDate.format(Date(timeIntervalSince1970: 784_111_777))
        #expect(text == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse(text) == Date(timeIntervalSince1970: 784_111_777))
        for bad in [
            "", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Sun, 06 Nov 1994 08:49:37 BST",
            "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 6 Nov 1994 08:49:37 GMT", "\r\n",
        ] {
            #expect(HTTPDate.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func anEntityTagMatchesWeaklyAndInAList() {
        func check(_ header: String) -> Bool {
            ConditionalGet.isNotModified(ifNoneMatch: header, ifModifiedSince: nil, etag: "\"abc\"", lastModified: modified)
        }
        #expect(check("\"abc\""))
        #expect(check("W/\"abc\""))
        #expect(check("\"x\", \"abc\""))
        #expect(check("*"))
        #expect(!check("\"abcd\""))
        #expect(!check("abc"), "an unquoted tag is not the same tag")
    }

    @Test func ifNoneMatchWinsOverADateThatWouldSayNotModified() {
        let later = HTTPDate.format(modified.addingTimeInterval(60))
        #expect(!ConditionalGet.isNotModified(ifNoneMatch: "\"old\"", ifModifiedSince: later, etag: "\"new\"", lastModified: modified))
        #expect(ConditionalGet.isNotModified(ifNoneMatch: nil, ifModifiedSince: later, etag: "\"new\"", lastModified: modified))
    }

    @Test func ifModifiedSinceComparesWholeSeconds() {
        let same = HTTPDate.format(modified)  // the fraction is lost in the header
        #expect(ConditionalGet.isNotModified(ifNoneMatch: nil, ifModifiedSince: same, etag: "\"e\"", lastModified: modified))
        let before = HTTPDate.format(modified.addingTimeInterval(-1))
        #expect(!ConditionalGet.isNotModified(ifNoneMatch: nil, ifModifiedSince: before, etag: "\"e\"", lastModified: modified))
        #expect(!ConditionalGet.isNotModified(ifNoneMatch: nil, ifModifiedSince: "yesterday", etag: "\"e\"", lastModified: modified))
        #expect(!ConditionalGet.isNotModified(ifNoneMatch: nil, ifModifiedSince: nil, etag: "\"e\"", lastModified: modified))
    }

    @Test func aNewerGenerationMissesAndTheOldEntryGoes() {
        var cache = BoundedCache<String, String>(capacity: 100)
        cache.insert("page", size: 10, for: "/a", generation: 1)
        #expect(cache.value("/a", generation: 1) == "page")
        #expect(cache.value("/a", generation: 2) == nil)
        #expect(cache.count == 0 && cache.bytes == 0)
    }

    @Test func theLeastRecentlyUsedGoFirstAndTheBoundHolds() {
        var cache = BoundedCache<Int, Int>(capacity: 100)
        for i in 0..<10 { cache.insert(i, size: 10, for: i, generation: 1) }
        #expect(cache.bytes == 100)
        _ = cache.value(0, generation: 1)  // 0 is now the most recently used
        cache.insert(10, size: 10, for: 10, generation: 1)
        #expect(cache.bytes <= 75, "over capacity it frees down to three quarters")
        #expect(cache.value(0, generation: 1) == 0, "the entry just read stays")
        #expect(cache.value(1, generation: 1) == nil, "the oldest unread one went")
        #expect(cache.value(10, generation: 1) == 10)
        cache.insert(99, size: 101, for: 99, generation: 1)
        #expect(cache.value(99, generation: 1) == nil, "bigger than the whole cache: not stored")
        var small = BoundedCache<Int, Int>(capacity: 100)
        small.insert(7, size: 30, for: 7, generation: 1)
        small.insert(7, size: 5, for: 7, generation: 1)
        #expect(small.bytes == 5 && small.count == 1, "replacing an entry counts its new size only")
    }
}
