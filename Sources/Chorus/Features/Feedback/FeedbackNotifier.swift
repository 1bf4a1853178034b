import Vapor
import Fluent
import ChorusCore

/// Tells residents who asked to hear back (`Insight.feedbackOptIn` with a contact email): when the report for the
/// activity they took part in is published, and when an action promised in a published report is done.
/// Emails are queued in the outbox inside the caller's transaction, so they go only if the change is saved.
enum FeedbackNotifier {
    static let reportKind = "report_published"
    static let actionKind = "action_done"

    /// Opted-in addresses of residents heard in these activities (each once).
    static func recipients(activities: [UUID], _ db: any Database) async throws -> [String] {
        try await InsightService.optedInAddresses(activities: activities, db)
    }

    /// Who hears about a report: those who asked to hear back in its activity, or on its theme's insights.
    static func recipients(of report: FeedbackReport, _ db: any Database) async throws -> [String] {
        switch report.scope {
        case .activity(let id): return try await recipients(activities: [id], db)
        case .theme(let id, let from, let to): return try await FeedbackTrailService.themeRecipients(id, from: from, to: to, db)
        case nil: return []
        }
    }

    static func reportPublished(_ report: FeedbackReport, activity: RegisterService.ActivityFacts?, on db: any Database, mail: MailContext)
        async throws -> Int
    {
        let link = mail.baseURL + SiteURL.Feedback.publicReport(report.id!)
        var subject = "You said, we did: \(activity?.title ?? "")"
        var thanks = "Thank you for taking part in \"\(activity?.title ?? "")\"."
        if activity == nil, let themeID = report.$theme.id, let theme = try await TaxonomyReads.theme(themeID, db) {
            subject = "You said, we did: \(theme.name)"
            thanks = "Thank you for telling us about \(theme.name.lowercased())."
        }
        // An activity's report asks how taking part felt: three anonymous questions (`ParticipantFeedbackService`).
        let askHowItWas = activity.map { a in
            "\n\nTell us how taking part felt (three questions, no name needed):\n" + mail.baseURL + SiteURL.Standards.howWasIt(a.id)
        }
        var n = 0
        for to in try await recipients(of: report, db) {
            let body =
                "\(thanks)\n\nWe have published what you told us and what we are doing about it:\n\(link)\n\n"
                + "We will email you again when the things we promised are done." + (activity?.isPublic == true ? askHowItWas ?? "" : "")
            if try await OutboxService.queue(
                to: to, subject: subject, body: body, kind: reportKind,
                reference: report.id!, mail: mail, on: db)
            {
                n += 1
            }
        }
        return n
    }

    /// When an action is done: residents of every activity behind it whose report is published hear about it, and
    /// those of every published theme report whose page shows the action.
    static func actionDone(_ action: DecisionAction, on db: any Database, mail: MailContext) async throws {
        let activityIDs = Array(try await ActionService.activityIDs(forDecisions: [action.$decision.id], db)[action.$decision.id] ?? []).map {
            Optional($0)
        }
        var reports =
            activityIDs.isEmpty
            ? []
            : try await FeedbackReport.query(on: db).filter(\.$activity.$id ~~ activityIDs)
                .filter(\.$status == FeedbackStatus.published.rawValue).all()
        for r in try await FeedbackReport.query(on: db).filter(\.$theme.$id != nil).filter(\.$status == FeedbackStatus.published.rawValue).all() {
            if try await FeedbackTrailService.load(r, db).actions.contains(where: { $0.id == action.id }) { reports.append(r) }
        }
        for report in reports {
            let link = mail.baseURL + SiteURL.Feedback.publicReport(report.id!)
            let day = DayText.long(Day(ordinal: action.doneDay ?? action.statusDay))
            for to in try await recipients(of: report, db) {
                let body =
                    "We said we would \(lowercasedFirst(action.title)) — done on \(day).\n\nSee everything that has happened since you shared your views:\n\(link)"
                try await OutboxService.queue(
                    to: to, subject: "Done: \(action.title)", body: body, kind: actionKind, reference: action.id!, mail: mail, on: db)
            }
        }
    }

    static func lowercasedFirst(_ s: String) -> String {
        guard let f = s.first, s.dropFirst().first?.isLowercase ?? true else { return s }
        return f.lowercased() + s.dropFirst()
    }
}
