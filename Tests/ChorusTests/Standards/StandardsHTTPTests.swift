import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Self-assessments through HTTP, as the people who use them: an officer starts one (bad input named, nothing saved),
/// rates every standard with evidence and Chorus's own figures, sends it for moderation; a second reviewer and a
/// community member challenge ratings; the officer upholds one and dismisses one; someone other than the only rater
/// agrees it; the gaps become actions that appear in their owners' "My actions". Another organisation sees none of it
/// unless it is shared. Hostile text stays inert on the page, in the CSV and in the audit log. Run on SQLite and, with
/// DATABASE_URL, PostgreSQL.
@Suite(.serialized) struct StandardsHTTPTests {
    static let hostile = "=SUM(A1) Ann \"'<>\r\nnext"

    static func staff(_ app: Application, _ email: String) async throws -> Browser {
        let b = Browser(app)
        try await b.signIn(email)
        _ = try await b.get(SiteURL.Standards.home)
        return b
    }

    static func activity(
        _ app: Application, org: UUID, title: String, ladder: LadderLevel = .consult, methods: [EngagementMethod], start: String, end: String? = nil,
        status: ActivityStatus = .open
    ) async throws -> UUID {
        let a = Activity()
        a.title = title; a.purpose = "Why"; a.$organisation.id = org; a.boroughWide = true
        a.methods = Activity.encodeMethods(methods.map(\.rawValue)); a.ladderLevel = ladder.rawValue; a.status = status.rawValue
        a.startDay = Day(iso: start)!.ordinal; a.endDay = end.map { Day(iso: $0)!.ordinal }; a.isPublic = false
        try await a.create(on: app.db)
        return a.id!
    }

    /// Starts an assessment through the form and returns its id.
    static func start(_ b: Browser, title: String, sharing: String = "organisation", _ app: Application) async throws -> UUID {
        let r = try await b.post(
            SiteURL.Standards.assessments,
            pairs: [("title", title), ("scope", "organisation"), ("period_from", "2026-04-01"), ("period_to", "2027-03-31"), ("sharing", sharing)])
        #expect(r.status == .seeOther)
        return try #require(try await StandardAssessment.query(on: app.db).filter(\.$title == title).first()).id!
    }

    static func rateAll(_ b: Browser, _ id: UUID, levels: [String: StandardLevel] = [:]) async throws {
        for s in DefaultStandards.set.standards {
            let level = levels[s.key] ?? .aspiring
            let r = try await b.post(
                SiteURL.Standards.rating(id, s.key),
                pairs: [("level_\(s.key)", level.rawValue), ("evidence_\(s.key)", "Seen in our \(s.title) work")])
            #expect(r.status == .seeOther, "\(s.key) rated")
        }
    }

    @Test func anAssessmentIsRatedWithEvidenceModeratedAgreedAndItsGapsBecomeActions() async throws {
        try await TestApp.run { app, f in
            let partnered = try await Self.activity(app, org: f.councilID, title: "Parks survey", methods: [.survey, .dropIn], start: "2026-06-01")
            _ = try await Self.activity(app, org: f.councilID, title: "Bus stops", methods: [.survey], start: "2026-07-01")
            _ = try await Self.activity(app, org: f.nhsID, title: "NHS clinic hours", methods: [.survey], start: "2026-07-01")
            let partner = ActivityPartner()
            partner.$activity.id = partnered; partner.$organisation.id = f.nhsID
            try await partner.create(on: app.db)

            let officer = try await Self.staff(app, f.officer)
            // Bad input: every problem named, nothing saved.
            let bad = try await officer.post(
                SiteURL.Standards.assessments,
                pairs: [("title", ""), ("scope", "partnership"), ("period_from", "2026-13-01"), ("period_to", ""), ("sharing", "world")])
            #expect(bad.status == .badRequest)
            for field in ["title", "scope", "period_from", "period_to"] {
                #expect(bad.body.string.contains("href=\"#\(Form.fieldID(field))\""), "\(field) named")
            }
            let backwards = try await officer.post(
                SiteURL.Standards.assessments,
                pairs: [("title", "x"), ("period_from", "2027-01-01"), ("period_to", "2026-01-01"), ("sharing", "world")])
            #expect(backwards.body.string.contains("The end of the period must be on or after its start"))
            #expect(backwards.body.string.contains("href=\"#\(Form.fieldID("sharing"))\""))
            #expect(try await StandardAssessment.query(on: app.db).count() == 0)

            let id = try await Self.start(officer, title: Self.hostile.replacingOccurrences(of: "\r\n", with: " "), app)
            var page = try await officer.get(SiteURL.Standards.assessment(id)).body.string
            #expect(!page.contains("<>") && page.contains("&lt;&gt;"), "hostile title escaped")
            // Chorus's figures for the council's two activities (the NHS's is not counted).
            #expect(page.contains("1 of 2 activities were run with a partner organisation or community group (50%)."))
            #expect(page.contains("1 of 2 activities used more than one method to reach people (50%)."))

            // A rating with nothing in it, or a link that is not one, is refused and nothing saved.
            let badRating = try await officer.post(
                SiteURL.Standards.rating(id, "inclusion"), pairs: [("level_inclusion", "superb"), ("links_inclusion", "javascript:alert(1)")])
            #expect(badRating.status == .badRequest)
            #expect(badRating.body.string.contains("href=\"#\(Form.fieldID("level_inclusion"))\""))
            #expect(badRating.body.string.contains("Link 1 must be a web address starting https:// or a Chorus page starting /"))
            #expect(try await StandardRating.query(on: app.db).count() == 0)
            #expect(try await officer.post(SiteURL.Standards.rating(id, "nonsense"), pairs: [("level_nonsense", "aspiring")]).status == .notFound)

            // Working together rated with Chorus's figure kept as evidence, and a hostile evidence text.
            let kept = try await officer.post(
                SiteURL.Standards.rating(id, "working-together"),
                pairs: [
                    ("level_working-together", "aspiring"), ("evidence_working-together", Self.hostile),
                    ("links_working-together", "/register/\(partnered.uuidString)\nhttps://example.org/minutes"),
                    ("include_figures_working-together", "true"),
                ])
            #expect(kept.status == .seeOther)
            let rating = try #require(try await StandardRating.query(on: app.db).filter(\.$standardKey == "working-together").first())
            #expect(rating.figures.contains("1 of 2 activities were run with a partner"))

            // Not every standard is rated: moderation is refused, naming the first unrated one.
            let early = try await officer.post(SiteURL.Standards.moderation(id), pairs: [])
            #expect(early.status == .badRequest && early.body.string.contains("Rate Inclusion before sending the assessment for moderation"))
            try await Self.rateAll(officer, id, levels: ["inclusion": .emerging, "planning": .established, "impact": .established])
            #expect(try await officer.post(SiteURL.Standards.moderation(id), pairs: []).status == .seeOther)
            // In moderation, ratings are challenged, not changed.
            let late = try await officer.post(
                SiteURL.Standards.rating(id, "inclusion"), pairs: [("level_inclusion", "established"), ("evidence_inclusion", "x")])
            #expect(late.status == .badRequest)

            // The NHS (another organisation) cannot see an assessment kept to the council.
            let nhs = try await Self.staff(app, f.viewer)
            #expect(try await nhs.get(SiteURL.Standards.assessment(id)).status == .notFound)
            #expect(try await nhs.get(SiteURL.Standards.csv(id)).status == .notFound)
            #expect(try await nhs.get(SiteURL.Standards.report(id)).status == .notFound)
            #expect(!(try await nhs.get(SiteURL.Standards.home).body.string.contains(SiteURL.Standards.assessment(id))))
            #expect(try await nhs.post(SiteURL.Standards.challenges(id), pairs: [("standard_key", "planning")]).status == .notFound)

            // The officer cannot challenge their own rating; the admin (a second reviewer) can, and records a community
            // member's challenge too.
            let own = try await officer.post(
                SiteURL.Standards.challenges(id), pairs: [("standard_key", "planning"), ("proposed_level", "aspiring"), ("reason", "Hmm")])
            #expect(own.status == .badRequest && own.body.string.contains("You recorded this rating; ask a second reviewer to challenge it"))
            let admin = try await Self.staff(app, f.admin)
            #expect(
                try await admin.post(
                    SiteURL.Standards.challenges(id),
                    pairs: [("standard_key", "planning"), ("proposed_level", "aspiring"), ("reason", "Two plans were signed off late")]
                ).status == .seeOther)
            let noName = try await admin.post(
                SiteURL.Standards.challenges(id),
                pairs: [("standard_key", "impact"), ("proposed_level", "emerging"), ("reason", "We never heard back"), ("raised_as", "community")])
            #expect(noName.status == .badRequest && noName.body.string.contains("href=\"#\(Form.fieldID("community_name"))\""))
            #expect(
                try await admin.post(
                    SiteURL.Standards.challenges(id),
                    pairs: [
                        ("standard_key", "impact"), ("proposed_level", "emerging"), ("reason", "We never heard back"), ("raised_as", "community"),
                        ("community_name", "Grace from the steering group"),
                    ]
                ).status == .seeOther)

            // Open challenges stop agreement; the officer upholds one and dismisses the other (with a response).
            let blocked = try await admin.post(SiteURL.Standards.agree(id), pairs: [])
            #expect(blocked.status == .badRequest && blocked.body.string.contains("Uphold or dismiss the 2 open challenges first"))
            let challenges = try await StandardChallenge.query(on: app.db).sort(\.$createdAt).all()
            let planning = try #require(challenges.first { $0.standardKey == "planning" }),
                impact = try #require(challenges.first { $0.standardKey == "impact" })
            #expect(try await nhs.post(SiteURL.Standards.challenge(planning.id!), pairs: [("outcome", "upheld")]).status == .notFound)
            #expect(try await officer.post(SiteURL.Standards.challenge(planning.id!), pairs: [("outcome", "upheld")]).status == .seeOther)
            let noResponse = try await officer.post(SiteURL.Standards.challenge(impact.id!), pairs: [("outcome", "dismissed")])
            #expect(noResponse.status == .badRequest && noResponse.body.string.contains("Say why the rating stands"))
            #expect(
                try await officer.post(
                    SiteURL.Standards.challenge(impact.id!), pairs: [("outcome", "dismissed"), ("response", "Three reports went out on time")]
                ).status == .seeOther)
            let planningLevel = try await StandardRating.query(on: app.db).filter(\.$standardKey == "planning").first()?.level
            #expect(planningLevel == "aspiring", "an upheld challenge changes the rating")

            // The only rater cannot agree it alone; the admin does.
            let alone = try await officer.post(SiteURL.Standards.agree(id), pairs: [])
            #expect(alone.status == .badRequest && alone.body.string.contains("Someone other than the only person who rated it must agree it"))
            #expect(try await admin.post(SiteURL.Standards.agree(id), pairs: []).status == .seeOther)
            page = try await officer.get(SiteURL.Standards.assessment(id)).body.string
            #expect(page.contains("Agreed</strong> by Ada Admin") || page.contains(">Agreed<"))
            #expect(page.contains("id=\"levels-chart\"") && page.contains("role=\"img\""), "the chart, with its table")
            #expect(page.contains("Gaps (below Established): Inclusion, Support, Planning, Working together, Methods, Communication."))

            // The gaps become actions; bad input named, nothing saved; the owner finds it in "My actions".
            let badAction = try await officer.post(
                SiteURL.Standards.actions(id),
                pairs: [("standard_key", "inclusion"), ("title", ""), ("owner_id", UUID().uuidString), ("due_on", "soon")])
            #expect(badAction.status == .badRequest)
            for field in ["title", "owner_id", "due_on"] {
                #expect(badAction.body.string.contains("href=\"#\(Form.fieldID(field))\""), "\(field) named")
            }
            #expect(try await StandardAction.query(on: app.db).count() == 0)
            let officerID = try #require(try await Person.query(on: app.db).filter(\.$email == f.officer).first()).id!
            #expect(
                try await officer.post(
                    SiteURL.Standards.actions(id),
                    pairs: [
                        ("standard_key", "inclusion"), ("title", "Run an equality screening for every consultation"),
                        ("owner_id", officerID.uuidString), ("due_on", "2027-06-30"),
                    ]
                ).status == .seeOther)
            let action = try #require(try await StandardAction.query(on: app.db).first())
            let mine = try await officer.get(SiteURL.Decisions.myActions).body.string
            #expect(mine.contains("Run an equality screening for every consultation") && mine.contains(SiteURL.Standards.action(action.id!)))
            #expect(mine.contains("Action plan: "))
            #expect(try await nhs.get(SiteURL.Standards.action(action.id!)).status == .notFound)
            let skip = try await officer.post(SiteURL.Standards.action(action.id!), pairs: [("status", "not_doing")])
            #expect(skip.status == .badRequest && skip.body.string.contains("Say why this action will not be done"))
            #expect(
                try await officer.post(SiteURL.Standards.action(action.id!), pairs: [("status", "in_progress"), ("note", "Template drafted")]).status
                    == .seeOther)
            #expect(try await StandardAction.find(action.id, on: app.db)?.status == "in_progress")

            // The report and the CSV carry it all; the CSV's cells cannot run as formulas.
            let report = try await officer.get(SiteURL.Standards.report(id)).body.string
            #expect(report.contains("Grace from the steering group") && report.contains("Three reports went out on time"))
            let csvResponse = try await officer.get(SiteURL.Standards.csv(id))
            #expect(csvResponse.headers.first(name: .contentDisposition)?.contains("self-assessment-") == true)
            let csv = csvResponse.body.string
            #expect(csv.contains("'=SUM(A1)") && !csv.contains(",=SUM"))
            #expect(csv.contains("working-together,Working together,aspiring"))

            // Each step is in the audit log, the hostile title as plain text.
            let audit = try await AuditEvent.query(on: app.db).filter(\.$entity ~~ StandardsFeature.auditEntities).all()
            #expect(Set(audit.map(\.entity)).isSuperset(of: ["standard_assessment", "standard_rating", "standard_challenge", "standard_action"]))
            let log = try await admin.get("/admin/audit").body.string
            #expect(!log.contains("<>\r") && !log.contains("Ann \"'<>"))
        }
    }

    @Test func editingTheStandardsMakesVersionsOldAssessmentsKeepTheirWordingAndChangesShowSinceLastTime() async throws {
        try await TestApp.run { app, f in
            let officer = try await Self.staff(app, f.officer)
            let first = try await Self.start(officer, title: "Council 2026", app)
            // Only partnership admins edit the standards; a bad edit is named and saves nothing.
            #expect(try await officer.post(SiteURL.Standards.edit("inclusion"), pairs: [("title", "X")]).status == .forbidden)
            let admin = try await Self.staff(app, f.admin)
            _ = try await admin.get(SiteURL.Standards.edit("inclusion"))
            let bad = try await admin.post(SiteURL.Standards.edit("inclusion"), pairs: [("title", ""), ("summary", "s"), ("indicators", "")])
            #expect(bad.status == .badRequest)
            for field in ["title", "indicators", "emerging", "aspiring", "established"] {
                #expect(bad.body.string.contains("href=\"#\(Form.fieldID(field))\""), "\(field) named")
            }
            let inclusion = DefaultStandards.set.standard("inclusion")!
            let edited = try await admin.post(
                SiteURL.Standards.edit("inclusion"),
                pairs: [
                    ("title", "Inclusion and reach"), ("summary", inclusion.summary), ("indicators", inclusion.indicators.joined(separator: "\n")),
                    ("emerging", inclusion.emerging), ("aspiring", inclusion.aspiring), ("established", inclusion.established),
                ])
            #expect(edited.status == .seeOther)
            #expect(try await StandardSetVersion.query(on: app.db).count() == 2)
            #expect(try await StandardsService.current(app.db).standard("inclusion")?.title == "Inclusion and reach")
            let old = try await officer.get(SiteURL.Standards.assessment(first)).body.string
            #expect(old.contains(">Inclusion</h3>") && old.contains("version 2 is current"))
            #expect(try await officer.get(SiteURL.Standards.version(1)).body.string.contains(">Inclusion</h3>"))

            // Last year's agreed assessment, then this year's: the change shows standard by standard.
            try await Self.rateAll(officer, first, levels: ["inclusion": .emerging])
            let a = try #require(try await StandardAssessment.find(first, on: app.db))
            a.status = AssessmentStatus.agreed.rawValue; a.agreedDay = Day(iso: "2026-04-20")!.ordinal; a.agreedByName = "Ada Admin"
            a.periodFromDay = Day(iso: "2025-04-01")!.ordinal; a.periodToDay = Day(iso: "2026-03-31")!.ordinal
            try await a.update(on: app.db)
            let second = try await Self.start(officer, title: "Council 2027", app)
            #expect(try await StandardAssessment.find(second, on: app.db)?.setVersion == 2)
            try await Self.rateAll(officer, second, levels: ["inclusion": .aspiring, "impact": .emerging])
            let page = try await officer.get(SiteURL.Standards.assessment(second)).body.string
            #expect(page.contains("Up from Emerging to Aspiring") && page.contains("Down from Aspiring to Emerging"))
            #expect(page.contains(SiteURL.Standards.assessment(first)), "links the assessment it compares with")

            // Kept to the council: the NHS sees neither; shared with the partnership, it shows in the comparison.
            let nhs = try await Self.staff(app, f.viewer)
            #expect(!(try await nhs.get(SiteURL.Standards.compare).body.string.contains("Council 2026")))
            a.sharing = AssessmentService.Sharing.partnership.rawValue
            try await a.update(on: app.db)
            let compare = try await nhs.get(SiteURL.Standards.compare).body.string
            #expect(compare.contains("Council 2026") || compare.contains(SiteURL.Standards.assessment(first)))
            #expect(try await nhs.get(SiteURL.Standards.assessment(first)).status == .ok)

            // Retiring the last standard is refused; retiring one makes a version without it.
            #expect(try await admin.post(SiteURL.Standards.retire("methods"), pairs: []).status == .seeOther)
            #expect(try await StandardsService.current(app.db).standard("methods") == nil)
            #expect(try await admin.post(SiteURL.Standards.retire("nonsense"), pairs: []).status == .notFound)
        }
    }
}
