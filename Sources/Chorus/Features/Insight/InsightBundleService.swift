import Vapor
import Fluent
import SQLKit
import ChorusCore

/// Insight bundles and bulk re-tagging: what curators (officers, analysts, secretaries, admins) do with a search.
enum InsightBundleService {
    static let entity = "insight_bundle"
    static let maxSelection = 5_000
    static let maxRetag = 50_000

    static func requireCurator(_ user: CurrentUser) throws {
        guard user.role.canCurateInsight else {
            throw Abort(.forbidden, reason: "Only officers, analysts, secretaries and partnership admins curate insights")
        }
    }

    /// A saved search: the list's query string, checked now so a bundle never holds a filter that cannot run.
    static func createSearch(title raw: String?, query: String, user: CurrentUser, on db: any Database) async throws -> InsightBundle {
        try requireCurator(user)
        var v = Validator()
        let title = v.required("title", raw, label: "Bundle title", max: 200)
        let query = String(query.prefix(2000))
        try v.check()
        _ = try InsightQueries.filter(parseQuery(query), viewer: user)
        return try await save(title: title, query: query, user: user, on: db)
    }

    /// Adds hand-picked insights (only ones the person can see) to an existing bundle or to a new one with `title`.
    static func addSelection(bundleID: String?, title: String?, insightIDs raw: [String], user: CurrentUser, on db: any Database) async throws
        -> InsightBundle
    {
        try requireCurator(user)
        var v = Validator()
        let ids = raw.compactMap(UUID.init(uuidString:))
        if ids.isEmpty { v.add("insight_ids", "Select at least one insight") }
        if ids.count != raw.count { v.add("insight_ids", "Select insights from the list") }
        if ids.count > maxSelection { v.add("insight_ids", "Select at most \(maxSelection) insights at once") }
        var bundle: InsightBundle? = nil
        if let b = bundleID, !b.isEmpty {
            bundle = try await findEditable(UUID(uuidString: b), user: user, db)
            if bundle?.query != nil { v.add("bundle_id", "That bundle is a saved search; choose a selection or make a new bundle") }
        } else {
            _ = v.required("new_title", title, label: "Title of the new bundle", max: 200)
        }
        try v.check()
        var f = try InsightQueries.filter([:], viewer: user)
        f.bundle = nil
        let visible = try await InsightQueries.query(db, f).filter(\.$id ~~ ids).all().compactMap(\.id)
        guard visible.count == Set(ids).count else {
            throw ValidationFailure([FieldError("insight_ids", "Some of the insights selected cannot be found")])
        }
        let chosen = bundle
        return try await db.transaction { tx in
            let b: InsightBundle
            if let chosen {
                b = chosen
            } else {
                b = try await save(title: (title ?? "").trimmingCharacters(in: .whitespacesAndNewlines), query: nil, user: user, on: tx)
            }
            let existing = Set(
                try await InsightBundleItem.query(on: tx).filter(\.$bundle.$id == b.id!).filter(\.$insight.$id ~~ visible).all().map {
                    $0.$insight.id
                })
            for id in visible where !existing.contains(id) { try await InsightBundleItem(bundle: b.id!, insight: id).create(on: tx) }
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: b.id, label: b.title,
                after: ["added": String(visible.count - existing.count)])
            return b
        }
    }

    static func removeSelection(_ bundleID: UUID?, insightIDs: [String], user: CurrentUser, on db: any Database) async throws -> InsightBundle {
        let b = try await findEditable(bundleID, user: user, db)
        let ids = insightIDs.compactMap(UUID.init(uuidString:))
        try await db.transaction { tx in
            try await InsightBundleItem.query(on: tx).filter(\.$bundle.$id == b.id!).filter(\.$insight.$id ~~ ids).delete()
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: b.id, label: b.title, after: ["removed": String(ids.count)])
        }
        return b
    }

    static func delete(_ id: UUID?, user: CurrentUser, on db: any Database) async throws {
        let b = try await findEditable(id, user: user, db)
        try await db.transaction { tx in
            try await b.delete(on: tx)
            try await AuditService.record(tx, actor: user.actor, action: .delete, entity: entity, id: id, label: b.title)
        }
    }

    /// Any staff member may open a bundle (walls apply to what they see in it); its own organisation's curators change it.
    static func findEditable(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> InsightBundle {
        try requireCurator(user)
        guard let id, let b = try await InsightBundle.find(id, on: db) else { throw Abort(.notFound) }
        guard b.$organisation.id == user.organisationID || user.role.canAdministerPartnership else {
            throw Abort(.forbidden, reason: "Only the organisation that made this bundle can change it")
        }
        return b
    }

    /// The insights of a bundle that this person may see.
    static func filter(for b: InsightBundle, viewer: CurrentUser) throws -> InsightQueries.Filter {
        if let q = b.query { return try InsightQueries.filter(parseQuery(q), viewer: viewer) }
        var f = try InsightQueries.filter([:], viewer: viewer)
        f.bundle = b.id
        return f
    }

    static func parseQuery(_ query: String) -> [String: String] {
        var out: [String: String] = [:]
        for item in URLComponents(string: "?" + query)?.queryItems ?? [] where item.name != "page" && item.name != "size" {
            if let v = item.value, !v.isEmpty { out[item.name] = v }
        }
        return out
    }

    private static func save(title: String, query: String?, user: CurrentUser, on db: any Database) async throws -> InsightBundle {
        let b = InsightBundle()
        b.title = title; b.query = query; b.$organisation.id = user.organisationID; b.$createdBy.id = user.id
        try await db.transaction { tx in
            try await b.create(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: entity, id: b.id, label: title,
                after: ["query": query ?? "", "kind": query == nil ? "selection" : "search"])
        }
        return b
    }

    /// Adds a theme to, or removes it from, every insight the search finds that the person can see. Returns how many changed.
    static func retag(query: String, themeID raw: String?, action: String?, user: CurrentUser, on db: any Database) async throws -> Int {
        try requireCurator(user)
        var v = Validator()
        let theme = UUID(uuidString: raw ?? "")
        if theme == nil { v.add("theme_id", "Select the theme to add or remove") }
        if action != "add" && action != "remove" { v.add("action", "Choose whether to add or remove the theme") }
        try v.check()
        guard try await Theme.find(theme!, on: db) != nil else { throw ValidationFailure([FieldError("theme_id", "Select the theme from the list")]) }
        let f = try InsightQueries.filter(parseQuery(query), viewer: user)
        guard try await InsightQueries.count(db, f, upTo: maxRetag + 1) <= maxRetag else {
            throw ValidationFailure([
                FieldError("query", "The search finds more than \(maxRetag) insights; narrow it to at most \(maxRetag) to re-tag them at once")
            ])
        }
        let ids = try await InsightQueries.query(db, f).all(\.$id)
        let tagged = Set(try await InsightTheme.query(on: db).filter(\.$theme.$id == theme!).all().map { $0.$insight.id })
        return try await db.transaction { tx in
            var changed = 0
            if action == "add" {
                let missing = ids.filter { !tagged.contains($0) }
                if let sql = tx as? any SQLDatabase {
                    try await InsightService.insertLinks(InsightTheme.schema, "theme_id", missing.map { ($0, theme!) }, sql)
                }
                changed = missing.count
            } else {
                let present = ids.filter(tagged.contains)
                for chunk in present.chunked(500) {
                    try await InsightTheme.query(on: tx).filter(\.$theme.$id == theme!).filter(\.$insight.$id ~~ chunk).delete()
                }
                changed = present.count
            }
            // Under an equality filter the count is a figure about residents' protected characteristics (and every
            // partnership admin reads the audit log): 1 to 4 is not written down.
            let count = InsightQueries.shownTotal(changed, f).value.map(String.init) ?? "fewer than 5"
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: InsightService.entity, id: nil,
                label: "Re-tagged \(count) insights (\(action!) theme)", after: ["query": query, "theme_id": theme!.uuidString, "action": action!])
            return changed
        }
    }
}
