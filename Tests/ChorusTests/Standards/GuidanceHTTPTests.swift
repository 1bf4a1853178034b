import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// The good-practice library through HTTP: an officer writes a method guide (bad input named, nothing saved); a draft
/// is their organisation's alone; published for staff, other partners read it but cannot change it; published for
/// everyone, residents read it (in Urdu too, the guide marked as English) with hostile text and unsafe links inert;
/// a case study is drafted from an evaluation; the planning advisor links method guides from its suggestions.
@Suite(.serialized) struct GuidanceHTTPTests {
    typealias S = StandardsHTTPTests

    @Test func aGuideIsWrittenPublishedReadByPartnersAndResidentsAndLinkedFromTheAdvisor() async throws {
        try await TestApp.run { app, f in
            let officer = try await S.staff(app, f.officer)
            _ = try await officer.get(SiteURL.Guidance.new)
            let bad = try await officer.post(
                SiteURL.Guidance.new, pairs: [("kind", "method_guide"), ("title", ""), ("body", ""), ("visibility", "secret"), ("method", "")])
            #expect(bad.status == .badRequest)
            for field in ["title", "summary", "body", "visibility", "method"] {
                #expect(bad.body.string.contains("href=\"#\(Form.fieldID(field))\""), "\(field) named")
            }
            #expect(try await GuidancePage.query(on: app.db).count() == 0)

            let body =
                "# When to use it\nWhen you need **many** voices <script>alert(1)</script>.\n\n- [Our lessons](/lessons)\n- [bad](javascript:alert(1))"
            let pairs: [(String, String)] = [
                ("kind", "method_guide"), ("title", S.hostile.replacingOccurrences(of: "\r\n", with: " ")), ("summary", "Doorstep surveys done well"),
                ("method", "doorstep"), ("body", body), ("visibility", "public"),
            ]
            #expect(try await officer.post(SiteURL.Guidance.new, pairs: pairs).status == .seeOther)
            let id = try #require(try await GuidancePage.query(on: app.db).first()).id!

            // A draft: the NHS and residents cannot see it.
            let nhs = try await S.staff(app, f.viewer)
            #expect(try await nhs.get(SiteURL.Guidance.page(id)).status == .notFound)
            let visitor = Browser(app)
            #expect(try await visitor.get(SiteURL.Guidance.publicPage(id)).status == .notFound)

            // Published for everyone.
            _ = try await officer.get(SiteURL.Guidance.edit(id))
            #expect(try await officer.post(SiteURL.Guidance.edit(id), pairs: pairs + [("published", "true")]).status == .seeOther)
            let read = try await nhs.get(SiteURL.Guidance.page(id))
            #expect(read.status == .ok && !read.body.string.contains("Edit this page"))
            #expect(try await nhs.get(SiteURL.Guidance.edit(id)).status == .forbidden)
            #expect(try await nhs.post(SiteURL.Guidance.edit(id), pairs: pairs).status == .forbidden)
            let page = try await visitor.get(SiteURL.Guidance.publicPage(id)).body.string
            #expect(page.contains("<strong>many</strong>") && page.contains("&lt;script&gt;") && !page.contains("<script>alert"))
            #expect(page.contains("href=\"/lessons\"") && !page.contains("javascript:"))
            #expect(!page.contains("Ann \"'<>"))
            #expect(try await visitor.get(SiteURL.Guidance.publicList + "?q=doorstep").body.string.contains(SiteURL.Guidance.publicPage(id)))
            let urdu = Browser(app)
            urdu.cookies[Request.languageCookie] = "ur"
            let inUrdu = try await urdu.get(SiteURL.Guidance.publicPage(id)).body.string
            #expect(inUrdu.contains("dir=\"ltr\" lang=\"en\"") && inUrdu.contains(GuidanceStrings.urdu["guidance.public.back"]!))

            // Staff-only pages stay off the public pages.
            let staffOnly = pairs.map { $0.0 == "visibility" ? ($0.0, "staff") : $0 } + [("published", "true")]
            #expect(try await officer.post(SiteURL.Guidance.edit(id), pairs: staffOnly).status == .seeOther)
            #expect(try await Browser(app).get(SiteURL.Guidance.publicPage(id)).status == .notFound)

            // The advisor links guides for the methods it suggests.
            for m in EngagementMethod.allCases {
                let g = GuidancePage()
                g.kind = GuidanceKind.methodGuide.rawValue; g.title = "Guide to \(m.rawValue)"; g.summary = "s"; g.body = "b"; g.visibility = "staff"
                g.method = m.rawValue; g.$organisation.id = f.councilID; g.published = true; g.updatedByName = "x"
                try await g.create(on: app.db)
            }
            let planned = try await S.activity(app, org: f.councilID, title: "Library hours", methods: [.survey], start: "2027-03-01")
            let advisor = try await officer.get(SiteURL.Plan.summary(planned)).body.string
            #expect(advisor.contains(" Guides: "))

            // A case study drafted from an evaluation; none without one.
            let closed = try await S.activity(
                app, org: f.councilID, title: "Parks survey", methods: [.survey], start: "2026-05-01", end: "2026-06-01", status: .closed)
            #expect(try await officer.get(SiteURL.Guidance.caseStudy(closed)).status == .conflict)
            _ = try await officer.get(SiteURL.Standards.evaluation(closed))
            #expect(
                try await officer.post(
                    SiteURL.Standards.evaluation(closed),
                    pairs: [("reached", "yes"), ("what_worked", "Drop-ins"), ("what_went_wrong", "Rain"), ("do_differently", "Gazebos")]
                ).status == .seeOther)
            let draft = try await officer.get(SiteURL.Guidance.caseStudy(closed)).body.string
            #expect(draft.contains("Case study: Parks survey") && draft.contains("# What worked") && draft.contains(closed.uuidString))
            #expect(try await nhs.get(SiteURL.Guidance.caseStudy(closed)).status == .forbidden)
            // Saved straight away as published: linked to its activity.
            #expect(
                try await officer.post(
                    SiteURL.Guidance.new,
                    pairs: [
                        ("kind", "case_study"), ("title", "Case study: Parks survey"), ("summary", "How we did it"),
                        ("body", "# What worked\nDrop-ins"),
                        ("visibility", "staff"), ("published", "true"), ("source_activity_id", closed.uuidString),
                    ]
                ).status == .seeOther)
            let study = try #require(try await GuidancePage.query(on: app.db).filter(\.$kind == "case_study").first())
            #expect(study.published && study.publishedDay != nil && study.sourceActivityID == closed)
        }
    }
}
