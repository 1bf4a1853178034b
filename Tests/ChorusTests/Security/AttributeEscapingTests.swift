import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Issue 15 (1): text a person typed must never write markup, in element text or in an attribute value.
@Suite struct AttributeEscapingTests {
    static let payload = #""><x y='"#
    /// What the payload looks like when it got out of its attribute or text: a new element.
    static let injected = "<x y="

    @Test func attributeValuesAreEscapedInOnePlace() {
        let html = H.void("input", ["value": Self.payload, "name": "q"]).render()
        #expect(html == #"<input name="q" value="&quot;&gt;&lt;x y=&#39;"/>"#)
        let element = H.el("a", ["href": "/x?q=\"'&<>", "title": "a&b"], [.text("<b>")]).render()
        #expect(element.contains(#"href="/x?q=&quot;&#39;&amp;&lt;&gt;""#) && element.contains(#"title="a&amp;b""#))
        #expect(!element.contains("<b>"))
    }

    @Test func reflectedQueryValuesStayInsideTheirAttributes() async throws {
        try await TestApp.run { app, f in
            let visitor = Browser(app)
            let meta = "/%22%3E%3Cmeta%20http-equiv=%22refresh%22%20content=%220;url=https://evil.example%22%3E"
            for path in ["/sign-in?back=\(meta)", "/whats-on?postcode=%22%3E%3Cmeta%20http-equiv=refresh%20content=0%3Burl%3D//evil.example%3E"] {
                let page = try await visitor.get(path).body.string
                #expect(!page.contains("<meta http-equiv"), "\(path) wrote a meta tag")
            }
            let admin = Browser(app)
            try await admin.signIn(f.admin)
            let q = Browser.encode(Self.payload)
            for path in [
                "/insights?q=\(q)", "/activities?q=\(q)", "/analysis/given-themes?query=\(q)", "/admin/audit?actor=\(q)",
                "/admin/people?q=\(q)",
            ] {
                let res = try await admin.get(path)
                #expect(res.status.code < 500, "\(path)")
                #expect(!res.body.string.contains(Self.injected), "\(path) echoed the payload as markup")
            }
        }
    }

    @Test func aStoredActivityTitleCannotAddAFormButtonToAnAdminsEditPage() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            try await officer.get("/activities/new")
            let title = #""><input name=role value=partnership_admin><button formaction=/admin/people/x>Save"#
            let res = try await officer.postActivity(
                "/activities",
                RegisterHTTPTests().activity(
                    w, title: title, place: w.quayside, theme: w.parks, audience: nil, start: "2026-03-01", end: "2026-03-31"))
            #expect(res.status == .seeOther)
            let activity = try #require(try await Activity.query(on: app.db).first())
            #expect(activity.title == title, "the title is kept as typed")
            let admin = Browser(app)
            try await admin.signIn(f.admin)
            let id = activity.id!.uuidString
            for path in ["/activities/\(id)", "/activities/\(id)/edit", "/whats-on/\(id)", "/activities"] {
                let page = try await admin.get(path).body.string
                #expect(!page.contains("<input name=role") && !page.contains("<button formaction"), "\(path) carries the injected form controls")
            }
            let head = try await admin.get("/whats-on/\(id)").body.string
            #expect(!head.contains("og:title"), "no meta tags copied from the title")
        }
    }

    /// Crawls every page an admin can reach, types the payload into every text field of every form that posts, and
    /// checks the answer, where it leads, and then every page again (stored text) for markup written by the payload.
    @Test func thePayloadInEveryTextFieldOfEveryFormNeverBecomesMarkup() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            try await officer.get("/activities/new")
            _ = try await officer.postActivity(
                "/activities",
                RegisterHTTPTests().activity(
                    w, title: "Parks survey", place: w.quayside, theme: w.parks, audience: w.young, start: "2026-03-01", end: "2026-03-31"))
            let admin = Browser(app)
            try await admin.signIn(f.admin)

            var forms: [String: HTMLForms.Form] = [:]
            let pages = try await crawl(admin) { path, html in
                for form in HTMLForms.forms(in: html) where form.method == "post" && !form.typed.isEmpty {
                    forms[Self.shape(form.action)] = form
                }
                #expect(!html.contains(Self.injected), "\(path) before any post")
            }
            #expect(pages >= 20, "the crawl reached \(pages) pages")
            let skipped = ["/sign-in", "/sign-out", "/import", "/invitation"]
            var posted = 0
            for (_, form) in forms.sorted(by: { $0.key < $1.key }) where !skipped.contains(where: { form.action.contains($0) }) {
                try await admin.get("/")  // a fresh CSRF token
                let fields = form.fixed.filter { $0.0 != "_csrf" } + form.typed.map { ($0, Self.payload) }
                let res = try await admin.postActivity(form.action, fields)
                posted += 1
                #expect(res.status.code < 500, "\(form.action) answered \(res.status)")
                #expect(!res.body.string.contains(Self.injected), "\(form.action) echoed the payload as markup")
                if res.status == .seeOther, let location = res.headers.first(name: .location) {
                    #expect(!(try await admin.get(location).body.string.contains(Self.injected)), "\(location) after \(form.action)")
                }
            }
            #expect(posted >= 10, "posted \(posted) forms: \(forms.keys.sorted())")
            _ = try await crawl(admin) { path, html in #expect(!html.contains(Self.injected), "\(path) shows stored text as markup") }
            _ = try await crawl(Browser(app), start: ["/whats-on", "/you-said-we-did"]) { path, html in
                #expect(!html.contains(Self.injected), "public \(path) shows stored text as markup")
            }
        }
    }

    /// A path with ids replaced, so the crawl visits one page of each kind.
    static func shape(_ path: String) -> String {
        path.split(separator: "?")[0].split(separator: "/").map { UUID(uuidString: String($0)) == nil ? String($0) : ":id" }.joined(separator: "/")
    }

    /// Visits same-site pages breadth first (one of each shape, at most 200), calling `check` on each HTML page.
    func crawl(_ b: Browser, start: [String] = ["/"], _ check: (String, String) async throws -> Void) async throws -> Int {
        var queue = start, seen = Set<String>(), visited = 0
        while !queue.isEmpty, visited < 200 {
            let path = queue.removeFirst()
            let shape = Self.shape(path)
            guard !seen.contains(shape) else { continue }
            seen.insert(shape)
            if [".csv", ".ics", "/language/", "/api/", "format=csv", "/assets/", "/sign-out", ".json", ".md"].contains(where: { path.contains($0) }) {
                continue
            }
            let res = try await b.get(path)
            guard res.status == .ok, res.headers.contentType?.subType == "html" else { continue }
            visited += 1
            let html = res.body.string
            try await check(path, html)
            queue += HTMLForms.links(in: html)
        }
        return visited
    }
}
