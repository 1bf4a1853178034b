import Vapor
import Fluent
import SQLKit
import ChorusCore

/// What analysts do to a finished run's themes: rename, pin, note, merge, split, move an insight, map to the
/// taxonomy. Each change is one transaction with an audit entry; an insight stays in at most one theme of the run, and
/// themes whose members changed are relabelled by the engine (`ThematicAnalyser.describe`) off the event loop.
enum AnalysisEditing {
    static func rename(_ run: AnalysisRun, _ theme: DiscoveredTheme, label raw: String?, user: CurrentUser, on db: any Database) async throws {
        var v = Validator()
        let label = v.required("label", raw, label: "New name", max: 120)
        try v.check()
        try await db.transaction { tx in
            theme.renamedLabel = label
            try await theme.save(on: tx)
            try await audit(tx, user, theme, "Renamed")
        }
    }

    static func pin(_ run: AnalysisRun, _ theme: DiscoveredTheme, pinned: Bool, user: CurrentUser, on db: any Database) async throws {
        try await db.transaction { tx in
            theme.pinned = pinned
            try await theme.save(on: tx)
            try await audit(tx, user, theme, pinned ? "Pinned" : "Unpinned", after: ["pinned": String(pinned)])
        }
    }

    static func note(_ run: AnalysisRun, _ theme: DiscoveredTheme, text raw: String?, user: CurrentUser, on db: any Database) async throws {
        var v = Validator()
        let note = v.optional("note", raw, label: "Interpretation note", max: 4000, multiline: true)
        try v.check()
        try await db.transaction { tx in
            theme.note = note
            try await theme.save(on: tx)
            try await audit(tx, user, theme, note == nil ? "Interpretation note removed" : "Interpretation note written")
        }
    }

    /// `other`'s members join `theme`; `other` is removed. The merged theme keeps `theme`'s edits and is relabelled.
    static func merge(_ run: AnalysisRun, _ theme: DiscoveredTheme, with raw: String?, user: CurrentUser, app: Application, on db: any Database)
        async throws
    {
        guard let id = raw.flatMap({ UUID(uuidString: $0) }), let other = try await DiscoveredTheme.find(id, on: db), other.$run.id == run.id,
            other.id != theme.id
        else {
            throw ValidationFailure([FieldError("other_theme_id", "Choose another theme of this analysis to merge with")])
        }
        try await db.transaction { tx in
            try await ThemeMember.query(on: tx).filter(\.$theme.$id == other.id!).set(\.$theme.$id, to: theme.id!).update()
            if theme.note == nil { theme.note = other.note }
            if theme.taxonomyThemeID == nil { theme.taxonomyThemeID = other.taxonomyThemeID }
            theme.pinned = theme.pinned || other.pinned
            try await theme.save(on: tx)
            try await other.delete(on: tx)
            try await relabel(run, [theme], app: app, on: tx)
            try await audit(
                tx, user, theme, "Merged theme \(AuditLabel.short(other.id)) into it",
                after: ["merged_theme_id": other.id!.uuidString, "size": String(theme.size)])
        }
    }

    /// Re-clusters the theme's members into two themes; the first keeps the theme's edits, the second is new.
    static func split(_ run: AnalysisRun, _ theme: DiscoveredTheme, user: CurrentUser, app: Application, on db: any Database) async throws {
        let docs = try await AnalysisService.documents(runID: run.id!, db)
        let memberSet = Set(try await ThemeMember.query(on: db).filter(\.$theme.$id == theme.id!).all().map { $0.$insight.id })
        let own = docs.filter { memberSet.contains($0.id) }
        guard own.count >= 4 else { throw ValidationFailure([FieldError("theme", "A theme needs at least 4 insights to be split")]) }
        let options = AnalysisOptions(seed: UInt64(run.seed), themeCount: .fixed(2), threads: 2)
        let result = try await app.computePool.runIfActive { ThematicAnalyser.run(own, options: options) }
        guard result.themes.count == 2 else {
            throw ValidationFailure([FieldError("theme", "The insights of this theme are too alike to split in two")])
        }
        let moving = result.themes[1].memberIDs
        try await db.transaction { tx in
            let position = (try await DiscoveredTheme.query(on: tx).filter(\.$run.$id == run.id!).max(\.$position) ?? 0) + 1
            let second = DiscoveredTheme()
            second.$run.id = run.id!; second.position = position; second.pinned = false
            second.apply(result.themes[1])
            second.matchStatus = theme.matchStatus == nil ? nil : "new"
            try await second.create(on: tx)
            for chunk in moving.chunked(500) {
                try await ThemeMember.query(on: tx).filter(\.$runID == run.id!).filter(\.$insight.$id ~~ chunk).set(\.$theme.$id, to: second.id!)
                    .update()
            }
            try await relabel(run, [theme, second], app: app, on: tx)
            try await audit(
                tx, user, theme, "Split in two",
                after: ["new_theme_id": second.id!.uuidString, "moved": String(moving.count)])
        }
    }

    /// Moves one insight of the run to another of its themes; a theme left empty is removed.
    static func move(
        _ run: AnalysisRun, insight rawInsight: String?, to rawTarget: String?, user: CurrentUser, app: Application,
        on db: any Database
    ) async throws -> DiscoveredTheme {
        var v = Validator()
        let insightID = rawInsight.flatMap { UUID(uuidString: $0) }
        var member: ThemeMember? = nil
        if let insightID { member = try await ThemeMember.query(on: db).filter(\.$runID == run.id!).filter(\.$insight.$id == insightID).first() }
        if member == nil { v.add("insight_id", "Choose an insight of this analysis to move") }
        let targetID = rawTarget.flatMap { UUID(uuidString: $0) }
        var target: DiscoveredTheme? = nil
        if let targetID { target = try await DiscoveredTheme.find(targetID, on: db) }
        if target == nil || target?.$run.id != run.id {
            v.add("target_theme_id", "Choose the theme to move the insight to")
        } else if let member, member.$theme.id == target?.id {
            v.add("target_theme_id", "The insight is already in that theme; choose another")
        }
        try v.check()
        let moving = member!
        let source = try await AnalysisService.findTheme(moving.$theme.id, in: run, db)
        let to = target!
        try await db.transaction { tx in
            moving.$theme.id = to.id!
            try await moving.save(on: tx)
            let left = try await ThemeMember.query(on: tx).filter(\.$theme.$id == source.id!).count()
            if left == 0 { try await source.delete(on: tx) }
            try await relabel(run, left == 0 ? [to] : [source, to], app: app, on: tx)
            try await audit(
                tx, user, to, "Moved an insight into it from theme \(AuditLabel.short(source.id))",
                after: ["insight_id": insightID!.uuidString, "from_theme_id": source.id!.uuidString])
        }
        return to
    }

    /// Maps the theme to a taxonomy theme and tags its insights with it (tags already there stay; unmapping removes no tag).
    static func map(_ run: AnalysisRun, _ theme: DiscoveredTheme, taxonomy raw: String?, user: CurrentUser, on db: any Database) async throws -> Int {
        let trimmed = (raw ?? "").trimmingCharacters(in: .whitespaces)
        var chosen: Theme? = nil
        if !trimmed.isEmpty {
            guard let id = UUID(uuidString: trimmed), let t = try await Theme.find(id, on: db) else {
                throw ValidationFailure([FieldError("taxonomy_theme_id", "Choose a theme from the taxonomy")])
            }
            chosen = t
        }
        let taxonomy = chosen
        return try await db.transaction { tx in
            theme.taxonomyThemeID = taxonomy?.id
            try await theme.save(on: tx)
            var added = 0
            if let taxonomy {
                let ids = try await ThemeMember.query(on: tx).filter(\.$theme.$id == theme.id!).all().map { $0.$insight.id }
                var tagged = Set<UUID>()
                for chunk in ids.chunked(500) {
                    for x in try await InsightTheme.query(on: tx).filter(\.$theme.$id == taxonomy.id!).filter(\.$insight.$id ~~ chunk).all() {
                        tagged.insert(x.$insight.id)
                    }
                }
                let missing = ids.filter { !tagged.contains($0) }
                if let sql = tx as? any SQLDatabase {
                    try await InsightService.insertLinks(InsightTheme.schema, "theme_id", missing.map { ($0, taxonomy.id!) }, sql)
                }
                added = missing.count
            }
            try await audit(
                tx, user, theme, taxonomy.map { "Mapped theme to \($0.name); tagged \(added) insights" } ?? "Removed the taxonomy mapping",
                after: ["taxonomy_theme_id": taxonomy?.id?.uuidString ?? "", "tagged": String(added)])
            return added
        }
    }

    /// Recomputes label, key phrases, representatives, sizes and sentiment for `changed`, with every theme of the
    /// run as context (key phrases are distinctive against the other themes).
    static func relabel(_ run: AnalysisRun, _ changed: [DiscoveredTheme], app: Application, on db: any Database) async throws {
        let docs = try await AnalysisService.documents(runID: run.id!, db)
        let members = try await AnalysisService.members(runID: run.id!, db)
        let all = try await AnalysisService.themes(run, db)
        let order = all.compactMap(\.id)
        let groups = order.map { members[$0] ?? [] }
        let options = AnalysisOptions(seed: UInt64(run.seed), threads: 2)
        let described = try await app.computePool.runIfActive { ThematicAnalyser.describe(docs, groups: groups, options: options) }
        for t in changed {
            guard let i = order.firstIndex(of: t.id!) else { continue }
            t.apply(described[i])
            try await t.save(on: db)
        }
    }

    /// Theme names and notes stay out of the entry (label and values): they come from insight text, and the run may be
    /// private to its organisation while every partnership admin reads the audit log (`AuditLabel`).
    private static func audit(
        _ db: any Database, _ user: CurrentUser, _ theme: DiscoveredTheme, _ what: String,
        after: [String: String]? = nil
    ) async throws {
        try await AuditService.record(
            db, actor: user.actor, action: .update, entity: AnalysisService.themeEntity, id: theme.id,
            label: AuditLabel.analysisTheme(theme.id, what),
            after: (after ?? [:]).merging(["run_id": theme.$run.id.uuidString]) { a, _ in a })
    }
}
