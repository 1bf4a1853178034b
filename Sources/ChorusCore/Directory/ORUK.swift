import Foundation

/// Open Referral UK (ORUK), the UK profile of HSDS 3.0: the value types Chorus publishes its Directory of community
/// groups, venues and connectors as, so that councils' own directories and the national ORUK tools can read it
/// without a bespoke export.
///
/// Every type encodes with the specification's own snake_case property names (explicit `CodingKeys`), leaves out
/// properties it has no value for rather than writing `null`, and carries only the properties Chorus can fill plus
/// every property the specification marks required.
///
/// What each endpoint embeds (HSDS 3.0 `schema/openapi.json` and `schema/compiled/*.json`; the UK profile keeps the
/// same shapes and drops the `/organizations` endpoints):
/// - `GET /services` is a ``Page`` of services with their one-to-one fields only ("service_list"): the embedded
///   `organization` (and `program`) may appear, but no arrays of child objects (`service_at_locations`, `contacts`,
///   `phones`, `service_areas`, `languages`, `attributes`).
/// - `GET /services/{id}` is one fully nested service: `organization`, `service_at_locations[].location` (with its
///   `addresses` and `accessibility`), `service_areas`, `languages`, `contacts`, `phones`, `attributes[].taxonomy_term`.
/// - `GET /service_at_locations` is a ``Page`` of service-at-locations each embedding its `service` and `location`
///   (one-to-one fields only); `GET /service_at_locations/{id}` is fully nested.
/// - `GET /taxonomies` and `GET /taxonomy_terms` are ``Page``s of the plain objects; `{id}` returns one plain object.
/// - `GET /organizations` (HSDS only, not in the UK profile) lists organizations without child arrays.
public enum ORUK {
    /// The encoder ORUK output is written with: keys sorted so that the same directory always gives the same bytes
    /// (conditional GETs and snapshot tests rely on it), slashes in URLs left unescaped, `date-time` properties as
    /// ISO 8601 in UTC with milliseconds (the specification asks for millisecond accuracy on `last_modified`), and
    /// `date` properties written by ``Day`` as `YYYY-MM-DD`.
    ///
    /// A computed property, so every caller gets its own encoder and no shared mutable state exists.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(dateTimeString(date))
        }
        return encoder
    }

    /// The matching decoder, for reading ORUK output back (tests, and feeds already known to be well formed): it
    /// accepts `date-time` values with or without fractional seconds.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parseDateTime(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "The value \"\(text)\" is not an ISO 8601 date-time.")
            }
            return date
        }
        return decoder
    }

    /// A `date-time` as ORUK writes it, e.g. `2023-03-15T10:30:45.123Z`.
    public static func dateTimeString(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }

    /// Reads an ISO 8601 `date-time` with or without fractional seconds and with `Z` or a numeric offset; nil when it
    /// is not one, so that a feed's bad timestamp becomes a reported problem rather than a thrown error.
    public static func parseDateTime(_ text: String) -> Date? {
        guard text.utf8.count <= 40 else { return nil }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

    /// A calendar day for the specification's `date` properties (such as a service's `assured_date`), which are
    /// plain `YYYY-MM-DD` with no time or zone: a separate type so the encoder's date-time strategy cannot turn it
    /// into a moment.
    public struct Day: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
        public var year: Int
        public var month: Int
        public var day: Int

        /// Makes a day from its parts; nil unless it is a real Gregorian date between years 1 and 9999.
        public init?(year: Int, month: Int, day: Int) {
            guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return nil }
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            guard day <= lengths[month - 1] else { return nil }
            self.year = year
            self.month = month
            self.day = day
        }

        /// Reads exactly `YYYY-MM-DD`; nil for anything else, including real dates written another way.
        public init?(_ text: String) {
            let bytes = Array(text.utf8)
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for i in range {
                    guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) else { return nil }
                    value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                }
                return value
            }
            guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
            self.init(year: y, month: m, day: d)
        }

        /// The UTC calendar day a moment falls on, for stamping `assured_date` from a stored timestamp.
        public init(utc date: Date) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            self.year = parts.year ?? 1970
            self.month = parts.month ?? 1
            self.day = parts.day ?? 1
        }

        /// `YYYY-MM-DD`, zero-padded.
        public var description: String {
            func pad(_ n: Int, _ width: Int) -> String {
                let text = String(n)
                return String(repeating: "0", count: max(0, width - text.count)) + text
            }
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let day = Day(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "The value \"\(text)\" is not a YYYY-MM-DD date.")
            }
            self = day
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(description)
        }
    }

    /// The envelope HSDS 3.0 wraps every list endpoint's response in (the `Page` schema of `schema/openapi.json`),
    /// with the listed objects in `contents`. Pages are numbered from 1, as in the specification's examples, and
    /// `size` is the number of objects on this page, as the schema describes it.
    public struct Page<Item: Sendable & Equatable & Codable>: Sendable, Equatable, Codable {
        public var totalItems: Int
        public var totalPages: Int
        public var pageNumber: Int
        public var size: Int
        public var firstPage: Bool
        public var lastPage: Bool
        public var empty: Bool
        public var contents: [Item]

        enum CodingKeys: String, CodingKey {
            case totalItems = "total_items"
            case totalPages = "total_pages"
            case pageNumber = "page_number"
            case size
            case firstPage = "first_page"
            case lastPage = "last_page"
            case empty
            case contents
        }

        /// Builds a page from one slice of a list, working out the counts and flags so that an endpoint cannot
        /// publish an inconsistent envelope. `perPage` is the page length asked for (at least 1); an empty list has
        /// one page, page 1, which is both first and last.
        public init(contents: [Item], totalItems: Int, pageNumber: Int, perPage: Int) {
            let perPage = max(1, perPage)
            let totalItems = max(0, totalItems)
            let pages = totalItems == 0 ? 1 : (totalItems - 1) / perPage + 1
            let number = max(1, pageNumber)
            self.totalItems = totalItems
            self.totalPages = pages
            self.pageNumber = number
            self.size = contents.count
            self.firstPage = number == 1
            self.lastPage = number >= pages
            self.empty = contents.isEmpty
            self.contents = contents
        }

        /// Takes page `pageNumber` of `perPage` items out of a whole list, for endpoints whose list is small enough
        /// to hold in memory; a page past the end is empty but keeps the true totals.
        public init(paging all: [Item], pageNumber: Int, perPage: Int) {
            let perPage = max(1, perPage)
            let number = max(1, pageNumber)
            let (start, overflow) = (number - 1).multipliedReportingOverflow(by: perPage)
            let slice: [Item]
            if overflow || start >= all.count {
                slice = []
            } else {
                slice = Array(all[start..<min(all.count, start + perPage)])
            }
            self.init(contents: slice, totalItems: all.count, pageNumber: number, perPage: perPage)
        }
    }
}
