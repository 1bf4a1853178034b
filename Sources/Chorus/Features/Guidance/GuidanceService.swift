import Vapor
import Fluent
import ChorusCore

/// The good-practice library's use cases: writing and publishing pages (officers and admins; a page is its
/// organisation's), listing and searching them (staff see every published page and their own organisation's drafts;
/// residents see published public pages), a case study drafted from an activity's evaluation, and the method guides
/// the planning advisor links to.
enum GuidanceService {
    static let entity = "guidance_page"
    static let maxBody = 40_000

    enum Visibility: String, CaseIterable, Sendable {
        case staff, `public`
        var label: String { self == .public ? "Everyone, on the public good-practice pages" : "Partners' staff only" }
    }

    struct Entry: Sendable {
        let id: UUID
        let kind: GuidanceKind
        let title: String
        let summary: String
        let body: String
        let visibility: Visibility
        let method: EngagementMethod?
        let organisationID: UUID
        let organisation: String
        let published: Bool
        let publishedOn: Day?
        let updatedBy: String
        let sourceActivityID: UUID?
    }

    /// Who reads: a member of staff, or a resident (published public pages only).
    enum Reader: Sendable {
        case staff(CurrentUser)
        case resident
    }

    struct Filter: Sendable {
        var text: String? = nil
        var kind: GuidanceKind? = nil
        var method: EngagementMethod? = nil
    }

    static func canWrite(_ user: CurrentUser) -> Bool { user.role.canAdministerPartnership || user.role.canRegisterEngagement }

    static func canEdit(_ user: CurrentUser, organisationID: UUID) -> Bool {
        user.role.canAdministerPartnership || (user.role.canRegisterEngagement && user.organisationID == organisationID)
    }

    private static func visible(_ q: QueryBuilder<GuidancePage>, to reader: Reader) {
        switch reader {
        case .resident:
            q.filter(\.$published == true).filter(\.$visibility == Visibility.public.rawValue)
        case .staff(let user):
            if !user.role.canAdministerPartnership {
                q.group(.or) { g in
                    g.filter(\.$published == true)
                    g.filter(\.$organisation.$id == user.organisationID)
                }
            }
        }
    }

    static func list(_ f: Filter, reader: Reader, window: PageWindow, _ db: any Database) async throws -> PageOf<Entry> {
        func query() -> QueryBuilder<GuidancePage> {
            let q = GuidancePage.query(on: db)
            visible(q, to: reader)
            if let k = f.kind { q.filter(\.$kind == k.rawValue) }
            if let m = f.method { q.filter(\.$method == m.rawValue) }
            return q.matching(f.text, in: ["title", "summary", "body"])
        }
        let total = try await query().count()
        let rows = try await query().sort(\.$title).sort(\.$id).range(window.offset..<(window.offset + window.size)).all()
        return PageOf(items: try await entries(rows, db), request: window, total: total)
    }

    static func find(_ id: UUID?, reader: Reader, _ db: any Database) async throws -> Entry {
        guard let id else { throw Abort(.notFound) }
        let q = GuidancePage.query(on: db).filter(\.$id == id)
        visible(q, to: reader)
        guard let row = try await q.first() else { throw Abort(.notFound) }
        return try await entries([row], db)[0]
    }

    /// Published method guides by method, for the planning advisor's suggestions (staff: every visibility).
    static func guides(for methods: Set<EngagementMethod>, _ db: any Database) async throws -> [EngagementMethod: [(id: UUID, title: String)]] {
        guard !methods.isEmpty else { return [:] }
        let rows = try await GuidancePage.query(on: db).filter(\.$published == true).filter(\.$kind == GuidanceKind.methodGuide.rawValue)
            .filter(\.$method ~~ methods.map(\.rawValue)).sort(\.$title).all()
        var out: [EngagementMethod: [(id: UUID, title: String)]] = [:]
        for r in rows { if let m = r.method.flatMap(EngagementMethod.init(rawValue:)) { out[m, default: []].append((r.id!, r.title)) } }
        return out
    }

    /// Saves a page from the form (`existing` nil: a new one); every problem named, nothing half-saved.
    static func save(_ existing: UUID?, _ input: Input, user: CurrentUser, today: Day, on db: any Database) async throws -> UUID {
        guard canWrite(user) else { throw Abort(.forbidden, reason: "Only officers and partnership admins write guidance") }
        var page = GuidancePage()
        if let existing {
            guard let p = try await GuidancePage.find(existing, on: db) else { throw Abort(.notFound) }
            guard canEdit(user, organisationID: p.$organisation.id) else {
                throw Abort(.forbidden, reason: "Only the organisation's officers and partnership admins change this page")
            }
            page = p
        }
        var v = Validator()
        let kind = v.choice("kind", input["kind"], label: "Kind", as: GuidanceKind.self)
        let title = v.required("title", input["title"], label: "Title", max: 200)
        let summary = v.required("summary", input["summary"], label: "Summary", max: 600, multiline: true)
        let body = v.required("body", input["body"], label: "The page", max: maxBody, multiline: true)
        let visibility = v.choice("visibility", input["visibility"], label: "Who can read it", as: Visibility.self)
        var method: EngagementMethod? = nil
        if let raw = input["method"], !raw.isEmpty {
            method = EngagementMethod(rawValue: raw)
            if method == nil { v.add("method", "Choose a method from the list") }
        }
        if kind == .methodGuide && method == nil && v.message(for: "method") == nil { v.add("method", "Choose the method this guide is about") }
        let publish = Input.isTrue(input["published"])
        try v.check()
        let before = existing == nil ? nil : ["published": String(page.published), "visibility": page.visibility]
        if existing == nil { page.$organisation.id = user.organisationID; page.createdByPersonID = user.id }
        page.kind = kind!.rawValue; page.title = title; page.summary = summary; page.body = body; page.visibility = visibility!.rawValue
        page.method = method?.rawValue; page.updatedByName = user.name
        let wasPublished = existing != nil && page.published
        if publish && !wasPublished { page.publishedDay = today.ordinal }
        page.published = publish
        if page.sourceActivityID == nil, let source = input["source_activity_id"].flatMap(UUID.init(uuidString:)) { page.sourceActivityID = source }
        let saved = page
        try await db.transaction { tx in
            try await saved.save(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: existing == nil ? .create : .update, entity: entity, id: saved.id, label: title, before: before,
                after: ["published": String(publish), "visibility": visibility!.rawValue, "kind": kind!.rawValue])
        }
        return page.id!
    }

    /// The form's values for a case study drafted from an activity's evaluation (not saved until the officer saves).
    static func caseStudyDraft(activity: UUID?, user: CurrentUser, methodLabel: (String) -> String, _ db: any Database) async throws -> Input {
        guard canWrite(user) else { throw Abort(.forbidden, reason: "Only officers and partnership admins write guidance") }
        let (facts, evaluation) = try await EvaluationService.find(activity, user: user, db)
        guard let lesson = try await EvaluationService.panel(facts, evaluation: evaluation, user: user, db).lesson else {
            throw Abort(.conflict, reason: "Evaluate the activity before drafting a case study from it")
        }
        let source = CaseStudyDraft.Source(
            activityTitle: lesson.title, organisation: lesson.organisation, methods: lesson.methods.map(methodLabel),
            reached: lesson.reached, reachNotes: lesson.reachNotes, whatWorked: lesson.whatWorked, whatWentWrong: lesson.whatWentWrong,
            doDifferently: lesson.doDifferently, participantsSaid: lesson.participantsSaid, costPounds: lesson.costPounds)
        return Input(values: [
            "kind": GuidanceKind.caseStudy.rawValue, "title": CaseStudyDraft.title(source), "summary": CaseStudyDraft.summary(source),
            "body": CaseStudyDraft.markdown(source), "visibility": Visibility.staff.rawValue, "source_activity_id": facts.id.uuidString,
        ])
    }

    private static func entries(_ rows: [GuidancePage], _ db: any Database) async throws -> [Entry] {
        let orgs = try await OrganisationsReads.names(Array(Set(rows.map { $0.$organisation.id })), db)
        return rows.map { r in
            Entry(
                id: r.id!, kind: GuidanceKind(rawValue: r.kind) ?? .methodGuide, title: r.title, summary: r.summary, body: r.body,
                visibility: Visibility(rawValue: r.visibility) ?? .staff, method: r.method.flatMap(EngagementMethod.init(rawValue:)),
                organisationID: r.$organisation.id, organisation: orgs[r.$organisation.id] ?? "", published: r.published,
                publishedOn: r.publishedDay.map(Day.init(ordinal:)), updatedBy: r.updatedByName, sourceActivityID: r.sourceActivityID)
        }
    }
}
