import Vapor
import Fluent
import ChorusCore

/// What a run analyses: one of the analyst's organisation's bundles, or the insight list's filter, chosen with the
/// list's own controls (`InsightListView.filterFields`: text, theme, ward, organisation, activity, audience, kind,
/// sharing, dates, equality answers). The filter is stored as the list's query string in `AnalysisRun.scopeQuery`
/// ("from=2026-01-01&theme=…&ward=…"), the format runs, schedules and the API's `scope_query` have always used, so
/// runs made before the controls existed, and a filter typed as a query string, read the same.
enum AnalysisScope {
    /// The filter's parameters: the insight list's.
    static let fields: [String] = InsightQueries.filterSpecs.map(\.name)

    /// The filter's fields of a form or query string, trimmed, empty ones left out; line breaks in the text become
    /// spaces (a search is one line).
    static func values(_ input: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        for key in fields {
            guard var v = input[key] else { continue }
            v = v.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if !v.isEmpty { out[key] = v }
        }
        return out
    }

    /// The values of a stored (or typed) query string; anything that is not a filter parameter is left out.
    static func values(query: String) -> [String: String] {
        values(InsightBundleService.parseQuery(String(query.trimmingCharacters(in: .whitespacesAndNewlines).trimmingPrefix("?"))))
    }

    /// The stored form of the values: sorted by name, each value percent-encoded, so `values(query:)` reads them back.
    static func query(_ values: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        return values.sorted { $0.key < $1.key }.map { k, v in
            "\(k)=\(v.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    /// What the controls offer the reader, and the names that describe a scope (`describe`).
    struct Choices: Sendable {
        let insight: InsightChoices
        let activities: [Form.Option]
        /// The reader's organisation's bundles (every bundle for a partnership admin).
        let bundles: [Form.Option]
    }

    /// `withActivities` false: no activity is offered or named (a description that names none).
    static func choices(viewer: CurrentUser, activity: UUID?, withActivities: Bool = true, _ db: any Database) async throws -> Choices {
        let c = try await InsightService.filterChoices(viewer: viewer, activity: activity, withActivities: withActivities, db)
        return Choices(insight: c.choices, activities: c.activities, bundles: try await bundleOptions(viewer: viewer, db))
    }

    /// The bundles `viewer` may analyse: their organisation's (every one for a partnership admin), by title.
    static func bundleOptions(viewer: CurrentUser, _ db: any Database) async throws -> [Form.Option] {
        let q = InsightBundle.query(on: db).sort(\.$title)
        if !viewer.role.canAdministerPartnership { q.filter(\.$organisation.$id == viewer.organisationID) }
        return try await q.all().map { Form.Option($0.id!.uuidString, $0.title) }
    }

    /// A scope that has been checked: what is stored, and the filter a count and a run read through the reader's wall.
    struct Checked: Sendable {
        let values: [String: String]
        let bundle: UUID?
        let filter: InsightQueries.Filter
        var query: String { AnalysisScope.query(values) }
    }

    /// Checks a scope as the form sent it: each filter value well formed and one the controls offer (a ward, theme,
    /// organisation, activity or audience from the lists), the dates in order, the bundle one of the reader's. Every
    /// problem names its field.
    static func check(_ values: [String: String], bundleID rawBundle: String?, user: CurrentUser, choices c: Choices, _ db: any Database)
        async throws -> Checked
    {
        var errors: [FieldError] = []
        var parsed: InsightQueries.Filter? = nil
        do { parsed = try InsightQueries.filter(values, viewer: user) } catch let f as ValidationFailure { errors += f.errors }
        if let f = parsed {
            func offered(_ key: String, _ id: UUID?, _ options: [Form.Option], _ what: String) {
                guard let id, !options.contains(where: { $0.value == id.uuidString }) else { return }
                errors.append(FieldError(key, "Choose \(what) from the list"))
            }
            offered("theme", f.theme, c.insight.themes, "a theme")
            offered("ward", f.ward, c.insight.places, "a ward or place")
            offered("organisation", f.organisation, c.insight.organisations, "an organisation")
            offered("activity", f.activity, c.activities, "an activity")
            offered("audience", f.audience, c.insight.audiences, "an audience")
        }
        var bundle: UUID? = nil
        if let b = rawBundle?.trimmingCharacters(in: .whitespacesAndNewlines), !b.isEmpty {
            if let id = UUID(uuidString: b), c.bundles.contains(where: { $0.value == id.uuidString }),
                let found = try await InsightBundle.find(id, on: db)
            {
                bundle = id
                if found.query != nil && !values.isEmpty {
                    errors.append(
                        FieldError(
                            "bundle_id", "The bundle \u{201C}\(found.title)\u{201D} is a saved search: choose it or the filters below, not both"))
                }
            } else {
                errors.append(FieldError("bundle_id", "Choose one of your organisation\u{2019}s bundles from the list"))
            }
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        let filter = try await AnalysisService.scopeFilter(query: query(values), bundleID: bundle, organisation: user.organisationID, db)
        return Checked(values: values, bundle: bundle, filter: filter)
    }

    /// One phrase of a scope in words: "Ward: Quayside", "From 1 Jan 2026". `key`: a catalogue key the view says
    /// instead of `value` (a kind or sharing level).
    struct Part: Sendable, Equatable {
        let label: String
        let value: String
        var key: String? = nil
        /// "From 1 Jan 2026" reads without the colon.
        var colon = true

        /// "Ward: Quayside"; `say` reads a catalogue key.
        func text(_ say: (String) -> String) -> String { label + (colon ? ": " : " ") + (key.map(say) ?? value) }
    }

    /// The scope in words, one line: "Ward: Quayside · Theme: Buses · From 1 Jan 2026".
    static func sentence(_ parts: [Part], everything: String, _ say: (String) -> String) -> String {
        parts.isEmpty ? everything : parts.map { $0.text(say) }.joined(separator: " \u{00B7} ")
    }

    /// A scope in words, in the order of the controls: "Bundle: Bus survey", "Text: “late buses”", "Theme: Buses",
    /// "Ward: Quayside", … "From 1 Jan 2026", "To 31 Mar 2026". Nothing: every insight the organisation may see.
    static func describe(_ values: [String: String], bundle: String?, choices c: Choices) -> [Part] {
        var parts: [Part] = []
        if let bundle { parts.append(Part(label: "Bundle", value: bundle)) }
        func named(_ key: String, _ label: String, _ options: [Form.Option]) {
            guard let v = values[key] else { return }
            parts.append(Part(label: label, value: options.first { $0.value.lowercased() == v.lowercased() }?.label ?? "one no longer listed"))
        }
        if let q = values["q"] { parts.append(Part(label: "Text", value: "\u{201C}\(q)\u{201D}")) }
        // The theme's own name ("Buses"), not its place in the tree the control shows ("Transport › Buses").
        if let v = values["theme"] {
            parts.append(Part(label: "Theme", value: UUID(uuidString: v).flatMap { c.insight.names.themes[$0] } ?? "one no longer listed"))
        }
        named("ward", "Ward", c.insight.places)
        named("organisation", "Organisation", c.insight.organisations)
        named("activity", "Heard during", c.activities)
        named("audience", "Audience", c.insight.audiences)
        if let k = values["kind"] { parts.append(Part(label: "Kind", value: k, key: "insight.kind.\(k)")) }
        if let s = values["sharing"] { parts.append(Part(label: "Sharing", value: s, key: "insight.sharing.\(s)")) }
        if let d = values["from"].flatMap({ Day(iso: $0) }) { parts.append(Part(label: "From", value: DayText.long(d), colon: false)) }
        if let d = values["to"].flatMap({ Day(iso: $0) }) { parts.append(Part(label: "To", value: DayText.long(d), colon: false)) }
        for q in EqualityMonitoring.questions {
            guard let v = values[q.field] else { continue }
            parts.append(Part(label: q.question, value: q.options.first { $0.code == v }?.label ?? v))
        }
        return parts
    }

    /// A stored run's scope in words, as `viewer` may read it (names of what the controls offer them).
    static func describe(_ run: AnalysisRun, viewer: CurrentUser, _ db: any Database) async throws -> [Part] {
        let values = values(query: run.scopeQuery)
        var bundle: String? = nil
        if let id = run.bundleID { bundle = try await InsightBundle.find(id, on: db)?.title ?? "a bundle since deleted" }
        if values.isEmpty { return bundle.map { [Part(label: "Bundle", value: $0)] } ?? [] }
        // A run's page is read every 2 seconds while it runs: the activities are looked up only when one is named.
        let activity = values["activity"].flatMap { UUID(uuidString: $0) }
        let c = try await choices(viewer: viewer, activity: activity, withActivities: values["activity"] != nil, db)
        return describe(values, bundle: bundle, choices: c)
    }
}
