import Foundation

/// Checks and flattens one service object of a feed, collecting every problem (rather than stopping at the first)
/// so the person importing can fix a record in one go.
struct ServiceReader {
    var problems: [(field: String, message: String)] = []
    var sourceID: String?

    mutating func fail(_ field: String, _ message: String) {
        problems.append((field, message))
    }

    mutating func read(_ item: Any) -> ORUKFeedRecord? {
        guard let service = item as? [String: Any] else {
            fail("", "This entry is \(JSONShape.describe(item)), not a service object.")
            return nil
        }
        let id = text(service, "id", path: "id", what: "The service id", required: true, maxLength: ORUKFeed.maxNameLength)
        sourceID = id
        let name = text(service, "name", path: "name", what: "The service name", required: true, maxLength: ORUKFeed.maxNameLength)
        if let status = text(service, "status", path: "status", what: "The service status", required: true, maxLength: 40),
            ORUK.ServiceStatus(rawValue: status) == nil
        {
            let allowed = ORUK.ServiceStatus.specValues.map { "\"\($0)\"" }.joined(separator: ", ")
            fail("status", "The service status \"\(status)\" is not one the specification allows (\(allowed)).")
        }
        let description =
            text(
                service, "description", path: "description", what: "The service description", maxLength: ORUKFeed.maxDescriptionLength,
                multiline: true) ?? ""

        var organizationName: String?
        var organizationURL: String?
        var organizationEmail: String?
        if let organization = object(service, "organization", path: "organization") {
            organizationName = text(
                organization, "name", path: "organization.name", what: "The organization name", required: true, maxLength: ORUKFeed.maxNameLength)
            organizationURL = url(organization, "website", path: "organization.website", what: "The organization website")
            organizationEmail = email(organization, "email", path: "organization.email", what: "The organization email address")
        }

        let serviceURL = url(service, "url", path: "url", what: "The service url")
        var serviceEmail = email(service, "email", path: "email", what: "The service email address")
        var phone: String?
        for (i, entry) in objects(service, "phones", path: "phones").enumerated() {
            let number = self.phone(entry, path: "phones[\(i)].number")
            if phone == nil { phone = number }
        }
        for (i, contact) in objects(service, "contacts", path: "contacts").enumerated() {
            let address = email(contact, "email", path: "contacts[\(i)].email", what: "The contact's email address")
            if serviceEmail == nil { serviceEmail = address }
            for (j, entry) in objects(contact, "phones", path: "contacts[\(i)].phones").enumerated() {
                let number = self.phone(entry, path: "contacts[\(i)].phones[\(j)].number")
                if phone == nil { phone = number }
            }
        }

        var areaNames: [String] = []
        var areaCodes: [String] = []
        for (i, area) in objects(service, "service_areas", path: "service_areas").enumerated() {
            if let areaName = text(area, "name", path: "service_areas[\(i)].name", what: "The service area name", maxLength: ORUKFeed.maxNameLength) {
                appendOnce(&areaNames, areaName)
            }
            let extent = text(
                area, "extent", path: "service_areas[\(i)].extent", what: "The service area extent", maxLength: 1_000_000, multiline: true)
            let uri = text(area, "uri", path: "service_areas[\(i)].uri", what: "The service area uri", maxLength: 2000)
            if let code = FeedText.gssCode(in: extent) ?? FeedText.gssCode(in: uri?.split(separator: "/").last.map(String.init)) {
                appendOnce(&areaCodes, code)
            }
        }

        var termNames: [String] = []
        for (i, attribute) in objects(service, "attributes", path: "attributes").enumerated() {
            guard let term = object(attribute, "taxonomy_term", path: "attributes[\(i)].taxonomy_term") else { continue }
            let path = "attributes[\(i)].taxonomy_term"
            let termName =
                text(term, "name", path: path + ".name", what: "The taxonomy term name", maxLength: ORUKFeed.maxNameLength)
                ?? text(term, "term", path: path + ".term", what: "The taxonomy term", maxLength: ORUKFeed.maxNameLength)
            if let termName { appendOnce(&termNames, termName) }
        }

        var languages: [String] = []
        for (i, language) in objects(service, "languages", path: "languages").enumerated() {
            let languageName =
                text(language, "name", path: "languages[\(i)].name", what: "The language name", maxLength: 100)
                ?? text(language, "code", path: "languages[\(i)].code", what: "The language code", maxLength: 20)
            if let languageName { appendOnce(&languages, languageName) }
        }

        var locations: [ORUKFeedLocation] = []
        for (i, link) in objects(service, "service_at_locations", path: "service_at_locations").enumerated() {
            if let location = object(link, "location", path: "service_at_locations[\(i)].location") {
                locations.append(read(location: location, path: "service_at_locations[\(i)].location"))
            }
        }

        var lastModified: Date?
        if let stamp = text(service, "last_modified", path: "last_modified", what: "The service's last_modified", maxLength: 40) {
            lastModified = ORUK.parseDateTime(stamp)
            if lastModified == nil {
                fail("last_modified", "The service's last_modified \"\(stamp)\" is not an ISO 8601 date-time such as 2024-03-15T10:30:45Z.")
            }
        }

        guard problems.isEmpty, let id, let name else { return nil }
        return ORUKFeedRecord(
            sourceID: id, name: name, description: description, organizationName: organizationName, url: serviceURL ?? organizationURL,
            email: serviceEmail ?? organizationEmail, phone: phone, areaNames: areaNames, areaCodes: areaCodes, termNames: termNames,
            languages: languages, locations: locations, lastModified: lastModified)
    }

    private mutating func read(location: [String: Any], path: String) -> ORUKFeedLocation {
        var place = ORUKFeedLocation()
        place.name = text(location, "name", path: path + ".name", what: "The location name", maxLength: ORUKFeed.maxNameLength)
        place.latitude = coordinate(location, "latitude", path: path + ".latitude", limit: 90)
        place.longitude = coordinate(location, "longitude", path: path + ".longitude", limit: 180)
        let addresses = objects(location, "addresses", path: path + ".addresses")
        // The first physical address is where people go; a postal-only address is better than none.
        let chosen =
            addresses.indices.first { addresses[$0]["address_type"] as? String == "physical" }
            ?? addresses.indices.first
        for (i, address) in addresses.enumerated() {
            let prefix = "\(path).addresses[\(i)]"
            let lines = ["address_1", "address_2"].compactMap {
                text(address, $0, path: "\(prefix).\($0)", what: "The address line \($0)", maxLength: ORUKFeed.maxNameLength)
            }
            let city = text(address, "city", path: prefix + ".city", what: "The address city", maxLength: 100)
            var postcode: String?
            if let raw = text(address, "postal_code", path: prefix + ".postal_code", what: "The postcode", maxLength: 20) {
                postcode = DirectoryRules.fullPostcode(raw)
                if postcode == nil {
                    fail(prefix + ".postal_code", "The postcode \"\(raw)\" is not the shape of a UK postcode (such as SW1A 1AA).")
                }
            }
            if i == chosen {
                place.addressLines = lines
                place.city = city
                place.postcode = postcode
            }
        }
        for (i, feature) in objects(location, "accessibility", path: path + ".accessibility").enumerated() {
            let prefix = "\(path).accessibility[\(i)]"
            let words =
                text(feature, "description", path: prefix + ".description", what: "The accessibility description", maxLength: 1000, multiline: true)
                ?? text(feature, "accessibility", path: prefix + ".accessibility", what: "The accessibility text", maxLength: 1000, multiline: true)
                ?? text(feature, "details", path: prefix + ".details", what: "The accessibility details", maxLength: 1000, multiline: true)
            if let words { appendOnce(&place.accessibility, words) }
        }
        return place
    }

    // MARK: Typed field readers: each reports its own problem and returns nil when the value cannot be used.

    /// A trimmed string; absent, null and empty read as nil (a problem only when `required`).
    private mutating func text(
        _ object: [String: Any], _ key: String, path: String, what: String, required: Bool = false, maxLength: Int, multiline: Bool = false
    ) -> String? {
        guard let value = object[key], !(value is NSNull) else {
            if required { fail(path, "\(what) (\"\(key)\") is missing; the specification requires it.") }
            return nil
        }
        guard let raw = value as? String else {
            fail(path, "\(what) (\"\(key)\") is \(JSONShape.describe(value)), where the specification wants text.")
            return nil
        }
        let trimmed = FeedText.normalisedNewlines(raw).trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            if required { fail(path, "\(what) (\"\(key)\") is empty; the specification requires it.") }
            return nil
        }
        if let bad = FeedText.controlCharacter(in: trimmed, allowingNewlines: multiline) {
            fail(path, "\(what) (\"\(key)\") contains the control character U+\(bad), which cannot be shown to residents.")
            return nil
        }
        let length = trimmed.count
        if length > maxLength {
            fail(path, "\(what) (\"\(key)\") is \(length) characters long, more than the \(maxLength) allowed.")
            return nil
        }
        return trimmed
    }

    private mutating func url(_ object: [String: Any], _ key: String, path: String, what: String) -> String? {
        guard let value = text(object, key, path: path, what: what, maxLength: 2000) else { return nil }
        guard WebAddress.isWeb(value) else {
            fail(path, "\(what) \"\(value)\" is not a web address starting with http:// or https://.")
            return nil
        }
        return value
    }

    private mutating func email(_ object: [String: Any], _ key: String, path: String, what: String) -> String? {
        guard let value = text(object, key, path: path, what: what, maxLength: 254) else { return nil }
        guard Validation.isPlausibleEmail(value.lowercased()) else {
            fail(path, "\(what) \"\(value)\" does not look like an email address.")
            return nil
        }
        return value
    }

    private mutating func phone(_ entry: [String: Any], path: String) -> String? {
        guard let number = text(entry, "number", path: path, what: "The phone number", required: true, maxLength: 40) else { return nil }
        guard DirectoryRules.isPlausiblePhone(number) else {
            fail(path, "The phone number \"\(number)\" is not made of digits, spaces and + ( ) - characters.")
            return nil
        }
        return number
    }

    private mutating func coordinate(_ object: [String: Any], _ key: String, path: String, limit: Double) -> Double? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let number = JSONShape.number(value) else {
            fail(path, "The \(key) is \(JSONShape.describe(value)), where the specification wants a number.")
            return nil
        }
        guard (-limit...limit).contains(number) else {
            fail(path, "The \(key) \(number) is outside the range -\(Int(limit)) to \(Int(limit)).")
            return nil
        }
        return number
    }

    private mutating func object(_ parent: [String: Any], _ key: String, path: String) -> [String: Any]? {
        guard let value = parent[key], !(value is NSNull) else { return nil }
        guard let object = value as? [String: Any] else {
            fail(path, "The \"\(key)\" is \(JSONShape.describe(value)), where the specification wants an object.")
            return nil
        }
        return object
    }

    /// The objects of a list property; a non-list, or an entry that is not an object, is a problem.
    private mutating func objects(_ parent: [String: Any], _ key: String, path: String) -> [[String: Any]] {
        guard let value = parent[key], !(value is NSNull) else { return [] }
        guard let list = value as? [Any] else {
            fail(path, "The \"\(key)\" is \(JSONShape.describe(value)), where the specification wants a list.")
            return []
        }
        var out: [[String: Any]] = []
        for (i, entry) in list.enumerated() {
            if let object = entry as? [String: Any] {
                out.append(object)
            } else {
                fail("\(path)[\(i)]", "Entry \(i) of \"\(key)\" is \(JSONShape.describe(entry)), where the specification wants an object.")
            }
        }
        return out
    }

    private func appendOnce(_ list: inout [String], _ value: String) {
        if !list.contains(value) { list.append(value) }
    }
}

/// The text checks only a feed needs (line endings, control characters, GSS codes); web addresses, emails, phones and
/// postcodes get the same rules as the forms (`DirectoryRules`, `Validation`).
enum FeedText {
    /// CRLF and lone CR become LF, so Windows-made descriptions are not refused for their line endings.
    static func normalisedNewlines(_ text: String) -> String {
        guard text.contains("\r") else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// The hex code of the first control character, allowing tab and newline only where `allowingNewlines`.
    static func controlCharacter(in text: String, allowingNewlines: Bool) -> String? {
        for scalar in text.unicodeScalars where scalar.properties.generalCategory == .control {
            if allowingNewlines && (scalar == "\n" || scalar == "\t") { continue }
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        return nil
    }

    /// A GSS code (a letter for the nation, then eight digits, e.g. "E05013796") when the value is one.
    static func gssCode(in text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces).uppercased(), text.count == 9 else { return nil }
        let chars = Array(text)
        guard let first = chars.first, "ENSWKLM".contains(first), chars.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return text
    }
}
