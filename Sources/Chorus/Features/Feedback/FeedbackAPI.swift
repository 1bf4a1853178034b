import Vapor
import Fluent
import ChorusCore

/// /api/v1/feedback-reports: "You said, we did" reports as the staff list and editor show them (status, texts,
/// translations), read-only. Writing and publishing stay on the pages, where comms see the trail they publish.
enum FeedbackAPI {
    static let listFilters: [FieldSpec] =
        [
            FieldSpec(name: "status", kind: .choice(FeedbackStatus.allCases.map(\.rawValue)), required: false, description: "Draft or published"),
            FieldSpec(
                name: "scope", kind: .choice(FeedbackDTO.Scope.allCases.map(\.rawValue)), required: false,
                description: "An activity's report, or a theme's across activities"),
        ] + APIParameters.paging

    static func register(_ api: any RoutesBuilder, docs: APIDocs) {
        docs.route(
            api, .GET, "/feedback-reports", summary: "\"You said, we did\" reports, last changed first", tag: "feedback",
            response: docs.schema(APIPage<FeedbackDTO.Summary>.self), query: APIParameters.documented(listFilters)
        ) { req in
            let user = try req.requireUser()
            let q = try APIParameters.read(req, listFilters)
            let page = try await FeedbackService.readablePage(
                user: user, status: q["status"].flatMap(FeedbackStatus.init(rawValue:)), scope: q["scope"],
                APIParameters.window(q), req.db)
            let l = try await FeedbackService.labels(page.items, user: user, req.db)
            return try APIResponse.json(APIPage(page) { summary($0, l) })
        }
        docs.route(
            api, .GET, "/feedback-reports/{id}", summary: "One \"You said, we did\" report with its texts and translations", tag: "feedback",
            response: docs.schema(FeedbackDTO.Report.self)
        ) { req in
            let user = try req.requireUser()
            let r = try await FeedbackService.findReadable(req.parameters.get("id", as: UUID.self), user: user, req.db)
            let l = try await FeedbackService.labels([r], user: user, req.db)
            let s = summary(r, l)
            return try APIResponse.json(
                FeedbackDTO.Report(
                    id: s.id, title: s.title, status: s.status, scope: s.scope, activity_id: s.activity_id, activity_title: s.activity_title,
                    theme_id: s.theme_id, theme_name: s.theme_name, from: s.from, to: s.to, published_on: s.published_on, public_path: s.public_path,
                    can_edit: s.can_edit, what_we_asked: r.whatWeAsked, what_you_said: r.whatYouSaid, what_we_did: r.whatWeDid,
                    translations: try await FeedbackService.translations(of: r, req.db).map {
                        .init(
                            language: $0.language, title: $0.title, what_we_asked: $0.whatWeAsked, what_you_said: $0.whatYouSaid,
                            what_we_did: $0.whatWeDid,
                            updated_at: $0.updatedAt)
                    },
                    created_at: r.createdAt, updated_at: r.updatedAt))
        }
    }

    static func summary(_ r: FeedbackReport, _ l: FeedbackService.Labels) -> FeedbackDTO.Summary {
        .init(
            id: r.id!, title: r.title, status: r.isPublished ? .published : .draft, scope: r.$theme.id != nil ? .theme : .activity,
            activity_id: r.$activity.id, activity_title: r.$activity.id.flatMap { l.activityTitles[$0] }, theme_id: r.$theme.id,
            theme_name: r.$theme.id.flatMap { l.themeNames[$0] }, from: APIDay(ordinal: r.fromDay), to: APIDay(ordinal: r.toDay),
            published_on: APIDay(ordinal: r.publishedDay), public_path: r.isPublished ? SiteURL.Feedback.publicReport(r.id!) : nil,
            can_edit: l.editable.contains(r.id!), updated_at: r.updatedAt)
    }
}
