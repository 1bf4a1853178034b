import Foundation

/// A problem with one named input field, shown beside the field and in the error summary, or returned in a
/// JSON error body. `field` is the form/JSON name; `message` is a complete sentence for a person.
public struct FieldError: Error, Equatable, Sendable, Codable {
    public let field: String
    public let message: String
    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }
}

/// Several field errors raised together; nothing is saved when one is thrown.
public struct ValidationFailure: Error, Sendable {
    public let errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
    public func message(for field: String) -> String? { errors.first { $0.field == field }?.message }
}

/// Collects field errors while a form or payload is checked, then throws them all at once.
public struct Validator: Sendable {
    public private(set) var errors: [FieldError] = []
    public init() {}

    /// The problem found so far with `field`, if any (a later rule skips a field already refused).
    public func message(for field: String) -> String? { errors.first { $0.field == field }?.message }

    public mutating func add(_ field: String, _ message: String) {
        if !errors.contains(where: { $0.field == field }) { errors.append(FieldError(field, message)) }
    }

    /// A required text: trimmed, not empty, at most `max` characters. Returns the trimmed value. Characters are
    /// counted as Unicode code points, as JSON Schema's `maxLength` counts them (the API documents these limits):
    /// counted as grapheme clusters, an emoji with a skin-tone modifier is one character and 121 code points
    /// passed a 120-character limit that the schema refuses.
    /// One line unless `multiline` (a textarea): titles and names end up in email subjects, file names and headers,
    /// where a line break would start a new header (`Bcc:`), so they refuse every kind of line break.
    @discardableResult
    public mutating func required(_ field: String, _ value: String?, label: String, max: Int = 200, multiline: Bool = false) -> String {
        let v = (value ?? "").trimmedWhitespaceAndNewlines
        checkCharacters(field, v, label: label, multiline: multiline)
        if v.isEmpty {
            add(field, "Enter \(label.lowercased())")
        } else if v.unicodeScalars.count > max {
            add(field, "\(label) must be \(max) characters or fewer")
        }
        return v
    }

    /// An optional text: trimmed, nil when empty, at most `max` characters. One line unless `multiline`.
    public mutating func optional(_ field: String, _ value: String?, label: String, max: Int = 2000, multiline: Bool = false) -> String? {
        let v = (value ?? "").trimmedWhitespaceAndNewlines
        checkCharacters(field, v, label: label, multiline: multiline)
        if v.unicodeScalars.count > max { add(field, "\(label) must be \(max) characters or fewer") }
        return v.isEmpty ? nil : v
    }

    private mutating func checkCharacters(_ field: String, _ v: String, label: String, multiline: Bool) {
        if !multiline && Validation.hasLineBreaks(v) { add(field, "\(label) must be on one line: remove the line breaks") }
        if Validation.hasControlCharacters(v) { add(field, "\(label) must not contain control characters") }
    }

    /// An optional email address; checked for a plausible shape only (one @, a dot in the domain, no spaces).
    public mutating func email(_ field: String, _ value: String?, label: String, required: Bool) -> String? {
        let v = (value ?? "").trimmedWhitespaceAndNewlines.lowercased()
        if v.isEmpty {
            if required { add(field, "Enter \(label.lowercased())") }
            return nil
        }
        if !Validation.isPlausibleEmail(v) {
            add(field, "Enter \(label.lowercased()) in the correct format, like name@example.org")
        }
        return v
    }

    /// An optional whole number within a range.
    public mutating func integer(_ field: String, _ value: String?, label: String, range: ClosedRange<Int>, required: Bool = false) -> Int? {
        let v = (value ?? "").trimmedWhitespace.replacingOccurrences(of: ",", with: "")
        if v.isEmpty {
            if required { add(field, "Enter \(label.lowercased())") }
            return nil
        }
        guard let n = Int(v) else { add(field, "\(label) must be a whole number, like 12000"); return nil }
        guard range.contains(n) else {
            add(field, "\(label) must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return n
    }

    /// One of a fixed set of raw values.
    public mutating func choice<T: RawRepresentable & CaseIterable>(_ field: String, _ value: String?, label: String, as: T.Type) -> T?
    where T.RawValue == String {
        let v = (value ?? "").trimmedWhitespace
        if v.isEmpty { add(field, "Select \(label.lowercased())"); return nil }
        guard let c = T(rawValue: v) else {
            add(field, "\(label) must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return c
    }

    public func check() throws(ValidationFailure) {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}

public enum Validation {
    /// C0 control characters other than tab and line breaks (NUL cannot even be stored by PostgreSQL).
    /// Multi-line text may hold CR and LF; a single-line value is also checked with `hasLineBreaks`.
    public static func hasControlCharacters(_ s: String) -> Bool {
        s.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") || $0.value == 0x7F }
    }

    /// Any line break: CR, LF, vertical tab, form feed, NEL (U+0085), LINE SEPARATOR and PARAGRAPH SEPARATOR
    /// (U+2028, U+2029). Checked by scalar: "\r\n" is one Character in Swift.
    public static func hasLineBreaks(_ s: String) -> Bool {
        s.unicodeScalars.contains { (0x0A...0x0D).contains($0.value) || $0.value == 0x85 || $0.value == 0x2028 || $0.value == 0x2029 }
    }

    /// One line with no control characters: safe to put in a header, a subject or a file name as it is.
    public static func isSingleLine(_ s: String) -> Bool { !hasLineBreaks(s) && !hasControlCharacters(s) }

    public static func isPlausibleEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !s.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
        else { return false }
        return s.count <= 254
    }

    /// An ONS GSS-style code: a letter, two digits (entity), six digits (instance), e.g. E05011234.
    public static func isGSSCode(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 9, (65...90).contains(u[0]) else { return false }
        return u.dropFirst().allSatisfy { (48...57).contains($0) }
    }
}
