import Foundation

/// Checks Chorus's ORUK endpoint output against the published HSDS 3.0 / Open Referral UK rules (required
/// properties, JSON types, formats, enums, and the paging envelope), written from the specification's text rather
/// than its schema files so the HTTP tests need no JSON Schema engine. Each function returns the violations found,
/// as sentences naming the property's path; an empty list means the value conforms.
enum ORUKConformance {
    /// Kinds of value the specification's properties take.
    private enum Kind {
        case string, uuid, uri, email, date, dateTime, number, integer, boolean
        case oneOf([String])
        case object((Any, String) -> [String])
        case array((Any, String) -> [String])
    }

    private struct Property {
        let name: String
        let kind: Kind
        let required: Bool
    }

    private static func req(_ name: String, _ kind: Kind) -> Property { Property(name: name, kind: kind, required: true) }
    private static func opt(_ name: String, _ kind: Kind) -> Property { Property(name: name, kind: kind, required: false) }

    static let serviceStatuses = ["active", "inactive", "defunct", "temporarily closed"]
    static let locationTypes = ["physical", "postal", "virtual"]

    // MARK: Objects Chorus publishes

    /// A service, as `/services` lists it or `/services/{id}` returns it.
    static func service(_ json: Any) -> [String] { service(json, at: "service") }

    /// An organization, as embedded in a service.
    static func organization(_ json: Any) -> [String] { organization(json, at: "organization") }

    /// A location, with its addresses and accessibility entries.
    static func location(_ json: Any) -> [String] { location(json, at: "location") }

    /// A service-at-location link, with its embedded service and location when present.
    static func serviceAtLocation(_ json: Any) -> [String] { serviceAtLocation(json, at: "service_at_location") }

    /// A taxonomy, as `/taxonomies` lists it.
    static func taxonomy(_ json: Any) -> [String] { taxonomy(json, at: "taxonomy") }

    /// A taxonomy term, as `/taxonomy_terms` lists it.
    static func taxonomyTerm(_ json: Any) -> [String] { taxonomyTerm(json, at: "taxonomy_term") }

    private static func service(_ json: Any, at path: String) -> [String] {
        check(
            json, at: path,
            [
                req("id", .uuid), req("name", .string), req("status", .oneOf(serviceStatuses)), opt("organization_id", .uuid),
                opt("alternate_name", .string), opt("description", .string), opt("url", .uri), opt("email", .email),
                opt("assured_date", .date), opt("assurer_email", .email), opt("last_modified", .dateTime), opt("minimum_age", .number),
                opt("maximum_age", .number), opt("alert", .string), opt("fees", .string), opt("accreditations", .string),
                opt("organization", .object(organization)), opt("service_at_locations", .array(serviceAtLocation)),
                opt("service_areas", .array(serviceArea)), opt("languages", .array(language)), opt("contacts", .array(contact)),
                opt("phones", .array(phone)), opt("attributes", .array(attribute)), opt("schedules", .array(idOnly)),
                opt("funding", .array(idOnly)), opt("cost_options", .array(idOnly)), opt("metadata", .array(idOnly)),
            ])
    }

    private static func organization(_ json: Any, at path: String) -> [String] {
        check(
            json, at: path,
            [
                req("id", .uuid), req("name", .string), req("description", .string), opt("email", .email), opt("website", .uri),
                opt("uri", .uri), opt("logo", .string), opt("parent_organization_id", .uuid), opt("attributes", .array(attribute)),
                opt("services", .array(service)),
            ])
    }

    private static func location(_ json: Any, at path: String) -> [String] {
        var problems = check(
            json, at: path,
            [
                req("id", .uuid), req("location_type", .oneOf(locationTypes)), opt("name", .string), opt("description", .string),
                opt("latitude", .number), opt("longitude", .number), opt("external_identifier", .string),
                opt("external_identifier_type", .string), opt("addresses", .array(address)), opt("accessibility", .array(accessibility)),
                opt("attributes", .array(attribute)), opt("organization_id", .uuid), opt("url", .uri),
            ])
        if let object = json as? [String: Any] {
            if let lat = number(object["latitude"]), !(-90...90).contains(lat) { problems.append("\(path).latitude \(lat) is outside -90 to 90.") }
            if let lon = number(object["longitude"]), !(-180...180).contains(lon) {
                problems.append("\(path).longitude \(lon) is outside -180 to 180.")
            }
        }
        return problems
    }

    private static func address(_ json: Any, at path: String) -> [String] {
        check(
            json, at: path,
            [
                req("id", .uuid), req("address_1", .string), req("city", .string), req("state_province", .string), req("postal_code", .string),
                req("country", .string), req("address_type", .oneOf(locationTypes)), opt("location_id", .uuid), opt("attention", .string),
                opt("region", .string), opt("address_2", .string),
            ])
    }

    private static func accessibility(_ json: Any, at path: String) -> [String] {
        check(
            json, at: path,
            [req("id", .uuid), opt("location_id", .uuid), opt("description", .string), opt("details", .string), opt("url", .uri)])
    }

    private static func serviceAtLocation(_ json: Any, at path: String) -> [String] {
        check(
            json, at: path,
            [
                req("id", .uuid), opt("service_id", .uuid), opt("location_id", .uuid), opt("description", .string),
                opt("location", .object(location)), opt("service", .object(service)), opt("attributes", .array(attribute)),
            ])
    }

    private static func taxonomy(_ json: Any, at path: String) -> [String] {
        check(
            json, at: path,
            [req("id", .uuid), req("name", .string), req("description", .string), opt("uri", .uri), opt("version", .string)])
    }

    private static func taxonomyTerm(_ json: Any, at path: String) -> [String] {
        check(
            json, at: path,
            [
                req("id", .uuid), req("name", .string), req("description", .string), opt("code", .string), opt("parent_id", .uuid),
                opt("taxonomy", .string), opt("taxonomy_id", .uuid), opt("term_uri", .uri), opt("language", .string),
                opt("taxonomy_detail", .object(taxonomy)),
            ])
    }

    private static func serviceArea(_ json: Any, at path: String) -> [String] {
        check(
            json, at: path,
            [
                req("id", .uuid), opt("service_id", .uuid), opt("name", .string), opt("description", .string), opt("extent", .string),
                opt("extent_type", .string), opt("uri", .string),
            ])
    }

    private static func language(_ json: Any, at path: String) -> [String] {
        check(json, at: path, [req("id", .uuid), opt("service_id", .uuid), opt("location_id", .uuid), opt("name", .string), opt("code", .string)])
    }

    private static func contact(_ json: Any, at path: String) -> [String] {
        check(
            json, at: path,
            [
                req("id", .uuid), opt("service_id", .uuid), opt("organization_id", .uuid), opt("name", .string), opt("title", .string),
                opt("department", .string), opt("email", .email), opt("phones", .array(phone)),
            ])
    }

    private static func phone(_ json: Any, at path: String) -> [String] {
        check(
            json, at: path,
            [
                req("id", .uuid), req("number", .string), opt("service_id", .uuid), opt("contact_id", .uuid), opt("extension", .number),
                opt("type", .string), opt("description", .string),
            ])
    }

    private static func attribute(_ json: Any, at path: String) -> [String] {
        check(
            json, at: path,
            [
                req("id", .uuid), opt("link_id", .uuid), opt("taxonomy_term_id", .uuid), opt("link_type", .string), opt("link_entity", .string),
                opt("value", .string), opt("taxonomy_term", .object(taxonomyTerm)),
            ])
    }

    private static func idOnly(_ json: Any, at path: String) -> [String] { check(json, at: path, [req("id", .uuid)]) }

    // MARK: Paging envelope

    /// A list endpoint's response: the seven `Page` properties with the right types, `contents` a list whose items
    /// each pass `item`, and the counts and flags consistent with each other (pages numbered from 1, `size` the
    /// number of items on this page, every page but the last full).
    static func page(_ json: Any, item: (Any) -> [String]) -> [String] {
        guard let object = json as? [String: Any] else { return ["The page is \(describe(json)), not a JSON object."] }
        var problems: [String] = []
        func integer(_ key: String) -> Int? {
            guard let value = object[key] else {
                problems.append("page.\(key) is missing.")
                return nil
            }
            guard let n = number(value), n == n.rounded(), abs(n) < 1e15 else {
                problems.append("page.\(key) is \(describe(value)), not an integer.")
                return nil
            }
            return Int(n)
        }
        func flag(_ key: String) -> Bool? {
            guard let value = object[key] else {
                problems.append("page.\(key) is missing.")
                return nil
            }
            guard isBool(value), let b = value as? Bool else {
                problems.append("page.\(key) is \(describe(value)), not true or false.")
                return nil
            }
            return b
        }
        let totalItems = integer("total_items")
        let totalPages = integer("total_pages")
        let pageNumber = integer("page_number")
        let size = integer("size")
        let firstPage = flag("first_page")
        let lastPage = flag("last_page")
        let empty = flag("empty")
        guard let contents = object["contents"] as? [Any] else {
            problems.append("page.contents is \(object["contents"].map(describe) ?? "missing"), not a list.")
            return problems
        }
        for (i, entry) in contents.enumerated() {
            problems += item(entry).map { "page.contents[\(i)]: \($0)" }
        }
        let count = contents.count
        if let size, size != count { problems.append("page.size is \(size) but contents holds \(count) items.") }
        if let empty, empty != (count == 0) { problems.append("page.empty is \(empty) but contents holds \(count) items.") }
        if let pageNumber, pageNumber < 1 { problems.append("page.page_number is \(pageNumber); pages are numbered from 1.") }
        if let totalItems, totalItems < 0 { problems.append("page.total_items is negative.") }
        if let totalItems, count > totalItems { problems.append("page.contents holds \(count) items, more than total_items \(totalItems).") }
        if let pageNumber, let firstPage, firstPage != (pageNumber == 1) {
            problems.append("page.first_page is \(firstPage) on page \(pageNumber).")
        }
        if let pageNumber, let totalPages, let lastPage, lastPage != (pageNumber >= totalPages) {
            problems.append("page.last_page is \(lastPage) on page \(pageNumber) of \(totalPages).")
        }
        if let totalItems, let totalPages, let pageNumber {
            if totalItems == 0 {
                if totalPages > 1 { problems.append("page.total_pages is \(totalPages) for an empty result; it should be 0 or 1.") }
            } else if totalPages < 1 {
                problems.append("page.total_pages is \(totalPages) although total_items is \(totalItems).")
            } else if pageNumber < totalPages {
                // A full page before the last fixes the page length, so the page count follows.
                if count == 0 || (totalItems + count - 1) / count != totalPages {
                    problems.append(
                        "page.total_pages is \(totalPages), but \(totalItems) items in pages of \(count) make \(count == 0 ? 0 : (totalItems + count - 1) / count)."
                    )
                }
            } else if pageNumber == totalPages {
                // The last page holds what is left after totalPages - 1 full pages of some length at least `count`.
                let rest = totalItems - count
                let fits =
                    totalPages == 1
                    ? rest == 0
                    : rest > 0 && rest % (totalPages - 1) == 0 && rest / (totalPages - 1) >= max(count, 1)
                if !fits { problems.append("page.total_items \(totalItems) cannot be \(totalPages) pages ending with \(count) items.") }
            } else if count != 0 {
                problems.append("page.page_number \(pageNumber) is past total_pages \(totalPages) but contents is not empty.")
            }
        }
        return problems
    }

    // MARK: Value checks

    private static func check(_ json: Any, at path: String, _ properties: [Property]) -> [String] {
        guard let object = json as? [String: Any] else { return ["\(path) is \(describe(json)), not a JSON object."] }
        var problems: [String] = []
        for property in properties {
            let where_ = "\(path).\(property.name)"
            guard let value = object[property.name], !(value is NSNull) else {
                if property.required { problems.append("\(where_) is required but missing.") }
                continue
            }
            problems += check(value, property.kind, at: where_)
        }
        return problems
    }

    private static func check(_ value: Any, _ kind: Kind, at path: String) -> [String] {
        switch kind {
        case .object(let inner):
            return inner(value, path)
        case .array(let inner):
            guard let list = value as? [Any] else { return ["\(path) is \(describe(value)), not a list."] }
            return list.enumerated().flatMap { inner($0.element, "\(path)[\($0.offset)]") }
        case .number:
            return number(value) == nil ? ["\(path) is \(describe(value)), not a number."] : []
        case .integer:
            guard let n = number(value), n == n.rounded() else { return ["\(path) is \(describe(value)), not an integer."] }
            return []
        case .boolean:
            return isBool(value) ? [] : ["\(path) is \(describe(value)), not true or false."]
        default:
            break
        }
        guard let text = value as? String else { return ["\(path) is \(describe(value)), not a string."] }
        switch kind {
        case .uuid where !isUUID(text): return ["\(path) \"\(text)\" is not a UUID."]
        case .uri where !isURI(text): return ["\(path) \"\(text)\" is not an absolute URI."]
        case .email where !isEmail(text): return ["\(path) \"\(text)\" is not an email address."]
        case .date where !isDate(text): return ["\(path) \"\(text)\" is not a YYYY-MM-DD date."]
        case .dateTime where !isDateTime(text): return ["\(path) \"\(text)\" is not an RFC 3339 date-time."]
        case .oneOf(let allowed) where !allowed.contains(text):
            return ["\(path) \"\(text)\" is not one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", "))."]
        default: return []
        }
    }

    private static func isBool(_ value: Any) -> Bool {
        guard let n = value as? NSNumber else { return false }
        return String(cString: n.objCType) == "c"
    }

    private static func number(_ value: Any?) -> Double? {
        guard let value, !isBool(value), let n = value as? NSNumber else { return nil }
        return n.doubleValue.isFinite ? n.doubleValue : nil
    }

    private static func describe(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if isBool(value) { return "a boolean" }
        if value is String { return "a string" }
        if value is [Any] { return "a list" }
        if value is [String: Any] { return "an object" }
        if value is NSNumber { return "a number" }
        return "an unknown value"
    }

    /// 8-4-4-4-12 hexadecimal digits (RFC 4122 text form), any case.
    private static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        return groups == [8, 4, 4, 4, 12] && text.allSatisfy { $0 == "-" || $0.isHexDigit }
    }

    /// An absolute URI: a scheme, then something, no spaces.
    private static func isURI(_ text: String) -> Bool {
        guard !text.contains(where: \.isWhitespace), let url = URL(string: text), let scheme = url.scheme, !scheme.isEmpty else { return false }
        return text.count > scheme.count + 1
    }

    private static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
    }

    private static func isDate(_ text: String) -> Bool {
        guard text.count == 10, let date = try? Date.ISO8601FormatStyle().year().month().day().parse(text) else { return false }
        return Date.ISO8601FormatStyle().year().month().day().format(date) == text
    }

    /// RFC 3339 (JSON Schema's `date-time`): a full date, "T", a time, and a zone ("Z" or an offset).
    private static func isDateTime(_ text: String) -> Bool {
        guard text.count <= 40, text.count >= 20 else { return false }
        if (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)) != nil { return true }
        return (try? Date.ISO8601FormatStyle().parse(text)) != nil
    }
}
