import Foundation

/// A path with named parameters (`/feedback-reports/:id/publish`): the one source of a route's path (a controller's
/// route table registers it) and of every link to it (`link(id)`), so the two cannot drift apart.
public struct URLPattern: Sendable, Hashable, CustomStringConvertible {
    public let template: String

    public init(_ template: String) {
        precondition(template.hasPrefix("/"), "a URL pattern starts with /: \(template)")
        self.template = template
    }

    /// The segments between slashes; a parameter starts with `:`.
    public var segments: [String] { template.split(separator: "/").map(String.init) }

    public var parameters: [String] { segments.filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) } }

    public var description: String { template }

    /// The path with its parameters filled in order (a UUID as its uuidString). The values are path segments that
    /// Chorus made (ids, codes, tokens): none may be empty or hold a slash.
    public func link(_ values: any CustomStringConvertible...) -> String {
        precondition(values.count == parameters.count, "\(template) takes \(parameters.count) values, got \(values.count)")
        var next = values.makeIterator()
        let parts = segments.map { segment -> String in
            guard segment.hasPrefix(":"), let value = next.next() else { return segment }
            let text = (value as? UUID)?.uuidString ?? value.description
            precondition(!text.isEmpty && !text.contains("/"), "\(template): a parameter cannot be \"\(text)\"")
            return text
        }
        return "/" + parts.joined(separator: "/")
    }
}

/// Every link Chorus makes comes from here, so a moved page is changed in one place.
public enum SiteURL {
    public static let home = Home.Route.home.link()
    public static let signIn = Account.Route.signIn.link()
    public static let signOut = Account.Route.signOut.link()
    public static let stylesheet = Home.Route.stylesheet.link()
    public static let health = Home.Route.health.link()
    public static let openAPI = Home.Route.openAPI.link()
    public static let apiTokens = Account.Route.tokens.link()
    public static func revokeToken(_ id: UUID) -> String { Account.Route.revokeToken.link(id) }
    public static func invitation(_ token: String) -> String { Account.Route.invitation.link(token) }
    /// Switching the interface language, then back to `back` (the path and query the reader was on).
    public static func language(_ code: String, back: String) -> String {
        Account.Route.language.link(code) + "?back=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
    }
    public static let adminHome = Audit.Route.adminHome.link()
    public static let audit = Audit.Route.list.link()
    public static let auditCSV = Audit.Route.csv.link()
    /// The audit log filtered to one record ("History" on its page).
    public static func auditEntity(_ entity: String, _ id: UUID) -> String { audit + "?entity=\(entity)&entity_id=\(id.uuidString)" }

    /// The home page and the shell's infrastructure: health and readiness checks, stylesheet, OpenAPI document.
    /// `Route` holds the patterns the shell's controller registers; `home`, `health`, `stylesheet` and `openAPI` are
    /// built from them.
    public enum Home {
        public enum Route {
            public static let home = URLPattern("/")
            public static let health = URLPattern("/healthz")
            public static let ready = URLPattern("/readyz")
            public static let metrics = URLPattern("/metrics")
            public static let stylesheet = URLPattern("/assets/chorus.css")
            public static let openAPI = URLPattern("/api/v1/openapi.json")
        }
    }

    /// The audit log (partnership admins) and the admin section's front door. `Route` holds the patterns the
    /// feature's controller registers; `adminHome`, `audit`, `auditCSV` and `auditEntity` are built from them.
    public enum Audit {
        public enum Route {
            public static let adminHome = URLPattern("/admin")
            public static let list = URLPattern("/admin/audit")
            public static let csv = URLPattern("/admin/audit.csv")
        }
    }

    /// Places beyond their admin resource (`admin("places")`): importing a CSV of places and ward boundaries
    /// (GeoJSON). `Route` holds the patterns the feature's controller registers; the links are built from them.
    public enum Places {
        public enum Route {
            public static let importCSV = URLPattern("/admin/places/import")
            public static let importBoundaries = URLPattern("/admin/places/boundaries/import")
        }
        public static let importCSV = Route.importCSV.link()
        public static let importBoundaries = Route.importBoundaries.link()
    }

    /// Signing in and out, the interface language, invitations and personal API tokens. `Route` holds the patterns the
    /// feature's controller registers; the top-level links (`signIn`, `signOut`, `language`, `invitation`, `apiTokens`,
    /// `revokeToken`) are built from the same patterns.
    public enum Account {
        public enum Route {
            public static let signIn = URLPattern("/sign-in")
            public static let signOut = URLPattern("/sign-out")
            public static let language = URLPattern("/language/:code")
            public static let invitation = URLPattern("/invitation/:token")
            public static let tokens = URLPattern("/account/tokens")
            public static let revokeToken = URLPattern("/account/tokens/:id/revoke")
        }
    }

    /// Links for one admin resource (organisations, people, places, themes, audiences). `route` holds the patterns
    /// `AdminRoutes` registers for the resource's slug; the links are built from the same patterns.
    public struct Admin: Sendable {
        public let slug: String
        public var route: Route { Route(slug: slug) }
        public var list: String { route.list.link() }
        public var csv: String { route.csv.link() }
        public var new: String { route.new.link() }
        public var importCSV: String { "/admin/\(slug)/import" }
        public func edit(_ id: UUID) -> String { route.edit.link(id) }
        public func update(_ id: UUID) -> String { route.record.link(id) }
        public func delete(_ id: UUID) -> String { route.delete.link(id) }
        public func action(_ id: UUID, _ name: String) -> String { route.action(name).link(id) }

        /// The patterns of one resource's pages: `/admin/<slug>`, `/admin/<slug>/:id/edit` and so on.
        public struct Route: Sendable {
            public let slug: String
            public var list: URLPattern { URLPattern("/admin/\(slug)") }
            public var csv: URLPattern { URLPattern("/admin/\(slug).csv") }
            public var new: URLPattern { URLPattern("/admin/\(slug)/new") }
            public var edit: URLPattern { URLPattern("/admin/\(slug)/:id/edit") }
            /// The record itself: its edit form posts here.
            public var record: URLPattern { URLPattern("/admin/\(slug)/:id") }
            public var delete: URLPattern { URLPattern("/admin/\(slug)/:id/delete") }
            /// A use case on one record beyond editing (people: `deactivate`, `reactivate`, `invitation`).
            public func action(_ name: String) -> URLPattern { URLPattern("/admin/\(slug)/:id/\(name)") }
        }
    }
    public static func admin(_ slug: String) -> Admin { Admin(slug: slug) }

    /// Links for the engagement register and the public what's-on pages. `Route` holds the patterns the feature's
    /// controllers register; the links below are built from the same patterns.
    public enum Register {
        public enum Route {
            public static let list = URLPattern("/activities")
            public static let csv = URLPattern("/activities.csv")
            public static let new = URLPattern("/activities/new")
            public static let calendar = URLPattern("/activities/calendar")
            public static let fatigue = URLPattern("/activities/fatigue")
            public static let importUpload = URLPattern("/activities/import")
            public static let importRun = URLPattern("/activities/import/run")
            public static let activity = URLPattern("/activities/:id")
            public static let edit = URLPattern("/activities/:id/edit")
            public static let delete = URLPattern("/activities/:id/delete")
            public static let ward = URLPattern("/wards/:code")
            public static let nearMe = URLPattern("/whats-on")
            /// A public activity (`/whats-on/<id>`) and also the iCalendar feeds (`/whats-on/<code>.ics`,
            /// `/whats-on/borough.ics`): Vapor matches whole segments, so "<code>.ics" cannot be a pattern of its own;
            /// the handler of this one route tells a feed by its `.ics` suffix, as it always has.
            public static let publicActivity = URLPattern("/whats-on/:id")
        }
        public static let list = Route.list.link()
        public static let csv = Route.csv.link()
        public static let new = Route.new.link()
        public static let calendar = Route.calendar.link()
        public static let fatigue = Route.fatigue.link()
        /// Importing a spreadsheet of activities: the upload (and the column mapping it posts to), then the run.
        public static let importCSV = Route.importUpload.link()
        public static let importRun = Route.importRun.link()
        public static func show(_ id: UUID) -> String { Route.activity.link(id) }
        public static func edit(_ id: UUID) -> String { Route.edit.link(id) }
        public static func update(_ id: UUID) -> String { Route.activity.link(id) }
        public static func delete(_ id: UUID) -> String { Route.delete.link(id) }
        public static func ward(_ code: String) -> String { Route.ward.link(code) }
        public static let nearMe = Route.nearMe.link()
        public static func publicActivity(_ id: UUID) -> String { Route.publicActivity.link(id) }
        /// The feeds are served by `Route.publicActivity` (see there): the segment is the code with `.ics`.
        public static func wardCalendar(_ code: String) -> String { Route.publicActivity.link("\(code).ics") }
        public static let boroughCalendar = Route.publicActivity.link("borough.ics")
    }

    /// Links for the shared insight store, insight bundles and CSV import. `Route` holds the patterns the feature's
    /// controllers register; the links below are built from the same patterns.
    public enum Insights {
        public enum Route {
            public static let list = URLPattern("/insights")
            public static let csv = URLPattern("/insights.csv")
            public static let new = URLPattern("/insights/new")
            public static let retag = URLPattern("/insights/retag")
            public static let insight = URLPattern("/insights/:id")
            public static let themes = URLPattern("/insights/:id/themes")
            public static let bundles = URLPattern("/insights/bundles")
            public static let addToBundle = URLPattern("/insights/bundles/add")
            public static let bundle = URLPattern("/insights/bundles/:id")
            public static let bundleRemove = URLPattern("/insights/bundles/:id/remove")
            public static let bundleDelete = URLPattern("/insights/bundles/:id/delete")
            public static let importCSV = URLPattern("/insights/import")
            public static let importJob = URLPattern("/insights/import/:id")
            public static let draftScript = URLPattern("/assets/insight-draft.js")
            public static let importProgressScript = URLPattern("/assets/import-progress.js")
        }
        public static let list = Route.list.link()
        public static let csv = Route.csv.link()
        public static let new = Route.new.link()
        /// The capture form with "Heard during" set to this activity ("Record an insight for this activity").
        public static func new(activity: UUID) -> String { with(new, ["activity": activity.uuidString]) }
        public static let create = Route.list.link()
        public static let retag = Route.retag.link()
        public static let draftScript = Route.draftScript.link()
        public static func show(_ id: UUID) -> String { Route.insight.link(id) }
        public static func themes(_ id: UUID) -> String { Route.themes.link(id) }
        public static let bundles = Route.bundles.link()
        public static let addToBundle = Route.addToBundle.link()
        public static func bundle(_ id: UUID) -> String { Route.bundle.link(id) }
        public static func bundleRemove(_ id: UUID) -> String { Route.bundleRemove.link(id) }
        public static func bundleDelete(_ id: UUID) -> String { Route.bundleDelete.link(id) }
        public static let importCSV = Route.importCSV.link()
        public static func importJob(_ id: UUID) -> String { Route.importJob.link(id) }
        /// The script that follows an import's (or an analysis run's) progress in place.
        public static let importProgressScript = Route.importProgressScript.link()
    }

    /// Links for an activity's engagement plan: advisor, edit, challenge and sign-off, exports. `Route` holds the
    /// patterns the feature's controller registers; the links below are built from the same patterns.
    public enum Plan {
        public enum Route {
            public static let show = URLPattern("/activities/:id/plan")
            public static let markdown = URLPattern("/activities/:id/plan.md")
            public static let print = URLPattern("/activities/:id/plan/print")
            public static let advisor = URLPattern("/activities/:id/plan/advisor")
            public static let summary = URLPattern("/activities/:id/plan/advisor/summary")
            public static let question = URLPattern("/activities/:id/plan/advisor/:question")
            public static let level = URLPattern("/activities/:id/plan/level")
            public static let edit = URLPattern("/activities/:id/plan/edit")
            public static let approve = URLPattern("/activities/:id/plan/approve")
            public static let withdraw = URLPattern("/activities/:id/plan/withdraw")
            public static let requestChanges = URLPattern("/activities/:id/plan/request-changes")
            public static let send = URLPattern("/activities/:id/plan/send")
            public static let comments = URLPattern("/activities/:id/plan/comments")
            /// The challenge and sign-off actions, by their last segment (`action(_:_:)`).
            public static let actions = [approve, withdraw, requestChanges, send, comments]
        }
        public static func show(_ activity: UUID) -> String { Route.show.link(activity) }
        public static func advisor(_ activity: UUID) -> String { Route.advisor.link(activity) }
        public static func question(_ activity: UUID, _ id: String) -> String { Route.question.link(activity, id) }
        public static func summary(_ activity: UUID) -> String { Route.summary.link(activity) }
        public static func level(_ activity: UUID) -> String { Route.level.link(activity) }
        public static func edit(_ activity: UUID) -> String { Route.edit.link(activity) }
        /// A challenge or sign-off action by name: "approve", "withdraw", "request-changes", "send", "comments".
        public static func action(_ activity: UUID, _ name: String) -> String {
            guard let pattern = Route.actions.first(where: { $0.segments.last == name }) else {
                preconditionFailure("no plan action \"\(name)\"")
            }
            return pattern.link(activity)
        }
        public static func markdown(_ activity: UUID) -> String { Route.markdown.link(activity) }
        public static func print(_ activity: UUID) -> String { Route.print.link(activity) }
    }

    /// Links for decision spaces, meetings, agenda items, decisions and actions. `Route` holds the patterns the
    /// feature's controller registers; the links below are built from the same patterns.
    public enum Decisions {
        public enum Route {
            public static let spaces = URLPattern("/decision-spaces")
            public static let newSpace = URLPattern("/decision-spaces/new")
            public static let space = URLPattern("/decision-spaces/:id")
            public static let editSpace = URLPattern("/decision-spaces/:id/edit")
            public static let meetings = URLPattern("/decision-spaces/:id/meetings")
            public static let spaceActions = URLPattern("/decision-spaces/:id/actions")
            public static let meeting = URLPattern("/meetings/:id")
            public static let items = URLPattern("/meetings/:id/items")
            public static let item = URLPattern("/agenda-items/:id")
            public static let itemPrint = URLPattern("/agenda-items/:id/print")
            public static let itemAnalysis = URLPattern("/agenda-items/:id/analysis")
            public static let decisions = URLPattern("/agenda-items/:id/decisions")
            public static let actions = URLPattern("/decisions/:id/actions")
            public static let myActions = URLPattern("/actions/mine")
            public static let action = URLPattern("/actions/:id")
        }
        public static let spaces = Route.spaces.link()
        public static let newSpace = Route.newSpace.link()
        public static func space(_ id: UUID) -> String { Route.space.link(id) }
        public static func editSpace(_ id: UUID) -> String { Route.editSpace.link(id) }
        public static func meetings(_ space: UUID) -> String { Route.meetings.link(space) }
        public static func spaceActions(_ space: UUID) -> String { Route.spaceActions.link(space) }
        public static func meeting(_ id: UUID) -> String { Route.meeting.link(id) }
        public static func items(_ meeting: UUID) -> String { Route.items.link(meeting) }
        public static func item(_ id: UUID) -> String { Route.item.link(id) }
        public static func itemPrint(_ id: UUID) -> String { Route.itemPrint.link(id) }
        public static func itemAnalysis(_ id: UUID) -> String { Route.itemAnalysis.link(id) }
        public static func decisions(_ item: UUID) -> String { Route.decisions.link(item) }
        public static func actions(_ decision: UUID) -> String { Route.actions.link(decision) }
        public static func action(_ id: UUID) -> String { Route.action.link(id) }
        public static let myActions = Route.myActions.link()
    }

    /// Links for "You said, we did" reports (staff and public), unsubscribing, and the loop-closure measure. `Route`
    /// holds the patterns the feature's controller registers; the links below are built from the same patterns.
    public enum Feedback {
        public enum Route {
            public static let reports = URLPattern("/feedback-reports")
            public static let outbox = URLPattern("/feedback-reports/outbox")
            public static let startForActivity = URLPattern("/activities/:id/feedback")
            public static let report = URLPattern("/feedback-reports/:id")
            public static let translation = URLPattern("/feedback-reports/:id/translations/:lang")
            public static let publish = URLPattern("/feedback-reports/:id/publish")
            public static let loopClosure = URLPattern("/oversight/loop-closure")
            public static let publicList = URLPattern("/you-said-we-did")
            public static let publicReport = URLPattern("/you-said-we-did/:id")
            public static let unsubscribe = URLPattern("/unsubscribe/:token")
        }
        public static let reports = Route.reports.link()
        public static func create(_ activity: UUID) -> String { Route.startForActivity.link(activity) }
        /// POST: start a report for a theme across activities.
        public static let createForTheme = Route.reports.link()
        public static func edit(_ id: UUID) -> String { Route.report.link(id) }
        public static func publish(_ id: UUID) -> String { Route.publish.link(id) }
        public static func translation(_ id: UUID, _ language: String) -> String { Route.translation.link(id, language) }
        public static let publicList = Route.publicList.link()
        public static func publicReport(_ id: UUID) -> String { Route.publicReport.link(id) }
        public static func unsubscribe(_ token: String) -> String { Route.unsubscribe.link(token) }
        public static let loopClosure = Route.loopClosure.link()
        /// Partnership admins: the email outbox's failed and retrying emails.
        public static let outbox = Route.outbox.link()
    }

    /// Links for residents' email updates: asking for them and confirming by the emailed link. `Route` holds the
    /// patterns the feature's controller registers; the links below are built from the same patterns.
    public enum Updates {
        public enum Route {
            public static let subscribe = URLPattern("/updates")
            public static let confirm = URLPattern("/updates/confirm/:token")
        }
        public static let subscribe = Route.subscribe.link()
        public static func confirm(_ token: String) -> String { Route.confirm.link(token) }
    }

    /// Links for thematic analysis: runs, their themes, analysts' edits and comparing two runs. `Route` holds the
    /// patterns the feature's controller registers; the links below are built from the same patterns.
    public enum Analysis {
        public enum Route {
            public static let list = URLPattern("/analysis")
            public static let compare = URLPattern("/analysis/compare")
            public static let givenThemes = URLPattern("/analysis/given-themes")
            public static let run = URLPattern("/analysis/:run")
            public static let schedule = URLPattern("/analysis/:run/schedule")
            public static let rerun = URLPattern("/analysis/:run/rerun")
            public static let move = URLPattern("/analysis/:run/move")
            public static let theme = URLPattern("/analysis/:run/themes/:theme")
            /// Rename, pin, note, merge, split, map: the last segment names the change.
            public static let themeAction = URLPattern("/analysis/:run/themes/:theme/:action")
            public static let style = URLPattern("/assets/analysis.css")
        }
        public static let list = Route.list.link()
        public static let create = Route.list.link()
        public static let compare = Route.compare.link()
        public static func run(_ id: UUID) -> String { Route.run.link(id) }
        public static func rerun(_ id: UUID) -> String { Route.rerun.link(id) }
        public static func schedule(_ id: UUID) -> String { Route.schedule.link(id) }
        public static let givenThemes = Route.givenThemes.link()
        public static func move(_ id: UUID) -> String { Route.move.link(id) }
        public static func theme(_ run: UUID, _ theme: UUID) -> String { Route.theme.link(run, theme) }
        public static func themeAction(_ run: UUID, _ theme: UUID, _ name: String) -> String { Route.themeAction.link(run, theme, name) }
        /// Two runs side by side: the compare page with both chosen.
        public static func compare(_ a: UUID, _ b: UUID) -> String { Route.compare.link() + "?a=\(a.uuidString)&b=\(b.uuidString)" }
        public static let style = Route.style.link()
    }

    /// Adds or replaces query items on a path, dropping empty values (for filters and pagers).
    public static func with(_ path: String, _ items: [String: String?]) -> String {
        var comps = URLComponents(string: path) ?? URLComponents()
        var query = (comps.queryItems ?? []).filter { items[$0.name] == nil }
        for (k, v) in items.sorted(by: { $0.key < $1.key }) {
            if let v, !v.isEmpty { query.append(URLQueryItem(name: k, value: v)) }
        }
        comps.queryItems = query.isEmpty ? nil : query
        return comps.string ?? path
    }

    /// A same-site relative path to return to, or home. Only a path that is already in its percent-encoded form is
    /// taken: it starts with one `/`, holds no whitespace, control character, backslash or non-ASCII letter (a browser
    /// reads `/\t/host` or `/\\host` as another site, and a CR/LF would end the `Location` header and start another),
    /// and URLComponents reads it back unchanged as a path without scheme or host.
    public static func safeBack(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"),
            raw.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" }),
            let parsed = URLComponents(string: raw), parsed.scheme == nil, parsed.host == nil,
            parsed.percentEncodedPath.hasPrefix("/"), !parsed.percentEncodedPath.hasPrefix("//"), parsed.string == raw
        else { return home }
        return raw
    }
}
