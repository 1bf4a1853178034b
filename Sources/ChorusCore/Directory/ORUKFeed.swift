import Foundation

/// One place a feed's service is delivered, flattened to what a Chorus directory venue keeps.
public struct ORUKFeedLocation: Sendable, Equatable {
    public var name: String?
    public var addressLines: [String]
    public var city: String?
    /// Upper case with one space before the inward code ("SW1A 1AA").
    public var postcode: String?
    public var latitude: Double?
    public var longitude: Double?
    public var accessibility: [String]

    /// Every part of a place is optional in a feed; a location may be no more than a name or a postcode.
    public init(
        name: String? = nil, addressLines: [String] = [], city: String? = nil, postcode: String? = nil, latitude: Double? = nil,
        longitude: Double? = nil, accessibility: [String] = []
    ) {
        self.name = name
        self.addressLines = addressLines
        self.city = city
        self.postcode = postcode
        self.latitude = latitude
        self.longitude = longitude
        self.accessibility = accessibility
    }
}

/// One service from another directory's ORUK feed, flattened to what Chorus stores as a directory group, so a
/// council's existing entries can be pulled in without retyping them.
public struct ORUKFeedRecord: Sendable, Equatable {
    /// The service's `id` in the feed, kept so a later import of the same feed updates rather than duplicates.
    public var sourceID: String
    public var name: String
    public var description: String
    public var organizationName: String?
    public var url: String?
    public var email: String?
    public var phone: String?
    /// Names of the `service_areas`, in feed order.
    public var areaNames: [String]
    /// GSS codes (such as "E05000001") found in the `service_areas`' `extent` or `uri`, for matching Chorus's areas.
    public var areaCodes: [String]
    /// Names of the taxonomy terms linked through `attributes`, without repeats.
    public var termNames: [String]
    public var languages: [String]
    public var locations: [ORUKFeedLocation]
    public var lastModified: Date?

    /// All fields; the lists default to empty and the optional details to absent.
    public init(
        sourceID: String, name: String, description: String = "", organizationName: String? = nil, url: String? = nil, email: String? = nil,
        phone: String? = nil, areaNames: [String] = [], areaCodes: [String] = [], termNames: [String] = [], languages: [String] = [],
        locations: [ORUKFeedLocation] = [], lastModified: Date? = nil
    ) {
        self.sourceID = sourceID
        self.name = name
        self.description = description
        self.organizationName = organizationName
        self.url = url
        self.email = email
        self.phone = phone
        self.areaNames = areaNames
        self.areaCodes = areaCodes
        self.termNames = termNames
        self.languages = languages
        self.locations = locations
        self.lastModified = lastModified
    }
}

/// Why one record of a feed (or the whole document, at index -1) could not be imported, precise enough for the
/// person importing to fix it at the source.
public struct ORUKFeedProblem: Sendable, Equatable {
    /// The record's 0-based position in the feed's list; -1 for a problem with the document as a whole.
    public var index: Int
    /// The record's service `id` when it has a usable one.
    public var sourceID: String?
    /// A dotted path to the field, such as `organization.name` or
    /// `service_at_locations[0].location.addresses[0].postal_code`; empty for the whole record or document.
    public var field: String
    /// A complete sentence for a person, naming the field.
    public var message: String

    /// All four parts.
    public init(index: Int, sourceID: String?, field: String, message: String) {
        self.index = index
        self.sourceID = sourceID
        self.field = field
        self.message = message
    }
}

/// What reading a feed gave: the records that passed every check, the problems that kept the others out, and how
/// many records the feed held, so a preview can say "212 of 215 can be imported".
public struct ORUKFeedResult: Sendable {
    public var records: [ORUKFeedRecord]
    public var problems: [ORUKFeedProblem]
    /// The number of records in the feed's list, including any left out or beyond the limit.
    public var recordCount: Int

    /// All three parts.
    public init(records: [ORUKFeedRecord], problems: [ORUKFeedProblem], recordCount: Int) {
        self.records = records
        self.problems = problems
        self.recordCount = recordCount
    }
}

/// Reads another directory's ORUK (HSDS 3.0) JSON into ``ORUKFeedRecord``s. It never throws and never traps, whatever
/// the bytes: a feed comes from outside the council's control, so every shape and type is checked and every failure
/// becomes an ``ORUKFeedProblem``.
public enum ORUKFeed {
    /// Longest name kept: a directory entry's name is a heading, not a paragraph.
    public static let maxNameLength = 200
    /// Longest description kept, after trimming.
    public static let maxDescriptionLength = 5000

    /// Reads a paged `/services` response (an object with a `contents` array) or a plain array of service objects
    /// (as `/services/{id}` returns each). Only the first `maxRecords` records are read; a longer feed gets one
    /// problem at index -1 saying so.
    public static func read(_ data: Data, maxRecords: Int = 5000) -> ORUKFeedResult {
        func documentProblem(_ message: String) -> ORUKFeedResult {
            ORUKFeedResult(records: [], problems: [ORUKFeedProblem(index: -1, sourceID: nil, field: "", message: message)], recordCount: 0)
        }
        let top: Any
        do {
            top = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            return documentProblem(
                "The document is not valid JSON (or nests too deeply, or holds a number too large to read), so no services could be read.")
        }
        let items: [Any]
        if let list = top as? [Any] {
            items = list
        } else if let object = top as? [String: Any] {
            guard let contents = object["contents"] else {
                return documentProblem(
                    "The document is a JSON object without a \"contents\" list, so it is neither a paged /services response nor a list of services.")
            }
            guard let list = contents as? [Any] else {
                return documentProblem("The document's \"contents\" is \(JSONShape.describe(contents)), not a list of services.")
            }
            items = list
        } else {
            return documentProblem("The document is \(JSONShape.describe(top)), not a list of services or a paged /services response.")
        }

        var records: [ORUKFeedRecord] = []
        var problems: [ORUKFeedProblem] = []
        let limit = max(0, maxRecords)
        if items.count > limit {
            problems.append(
                ORUKFeedProblem(
                    index: -1, sourceID: nil, field: "",
                    message: "The feed has \(items.count) services, more than the \(limit) one import can take, so only the first \(limit) were read."
                ))
        }
        var seen: [String: Int] = [:]
        for (index, item) in items.prefix(limit).enumerated() {
            var reader = ServiceReader()
            let record = reader.read(item)
            if let id = reader.sourceID {
                if let first = seen[id] {
                    reader.fail(
                        "id", "The service id \"\(id)\" was already used by the record at position \(first) in this feed; ids must be unique.")
                } else {
                    seen[id] = index
                }
            }
            if reader.problems.isEmpty, let record {
                records.append(record)
            } else {
                for (field, message) in reader.problems {
                    problems.append(ORUKFeedProblem(index: index, sourceID: reader.sourceID, field: field, message: message))
                }
            }
        }
        return ORUKFeedResult(records: records, problems: problems, recordCount: items.count)
    }
}

/// Names the kind of a JSON value for messages ("a JSON string", "a list"), so a person can see what the feed sent.
enum JSONShape {
    static func describe(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if isBool(value) { return "true or false" }
        if value is String { return "text" }
        if value is [Any] { return "a list" }
        if value is [String: Any] { return "an object" }
        if value is NSNumber { return "a number" }
        return "an unreadable value"
    }

    /// JSONSerialization hands back booleans as NSNumbers that also cast to numbers; this tells them apart.
    static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    /// A JSON number (not a boolean) as a finite Double.
    static func number(_ value: Any) -> Double? {
        guard !isBool(value), let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        return double.isFinite ? double : nil
    }
}
