import Fluent
import Foundation
import ChorusCore

/// Emails residents who follow a ward or theme when a "You said, we did" report is published or a new public
/// activity opens there: a step of the background sweep. Each report or activity is announced once: the
/// announcement row (unique on kind and id) is written in the same transaction as the emails, so when two servers
/// sweep at once the second one's insert fails and its emails roll back with it. Only the last week is looked at.
enum UpdateAnnouncer {
    static let reportKind = "updates_report"
    static let activityKind = "updates_activity"
    static let lookBack = 7

    static func jobs(_ j: FeatureJobs) {
        j.sweep("email updates") { app, now in
            try await SubscriptionService.tidy(now: now, app.db)
            try await announce(
                app.db, now: now, mail: MailContext(baseURL: app.chorusConfig.baseURL.absoluteString.trimmingSuffix("/"), secret: app.sessionSecret))
        }
    }

    /// Something new to tell followers about.
    struct News: Sendable {
        let kind: String
        let id: UUID
        let title: String
        let link: String
        let item: UpdateMatch.Item
    }

    /// Announces what is new and not yet announced; returns how many emails were queued.
    @discardableResult
    static func announce(_ db: any Database, now: Date, mail: MailContext) async throws -> Int {
        let news = try await unannounced(db, now: now, mail: mail)
        guard !news.isEmpty else { return 0 }
        let subscriptions = try await UpdateSubscription.query(on: db).filter(\.$confirmedAt != nil).all()
        var below: [UUID: Set<UUID>] = [:]
        for theme in Set(subscriptions.compactMap(\.themeID)) { below[theme] = Set(try await TaxonomyReads.themeAndBelow(theme, db)) }
        // What each subscription follows, in words: read once per (ward, theme) pair, not once per follower.
        var topics: [String: SubscriptionService.Topic] = [:]
        var queued = 0
        for n in news {
            let followers = subscriptions.filter {
                UpdateMatch.matches(.init(ward: $0.placeID, themes: $0.themeID.map { below[$0] ?? [$0] }), n.item)
            }
            for s in followers where topics[topicKey(s)] == nil { topics[topicKey(s)] = try await SubscriptionService.topic(of: s, db) }
            let known = topics
            do {
                queued += try await db.transaction { tx in
                    let a = UpdateAnnouncement()
                    a.kind = n.kind; a.referenceID = n.id
                    try await a.create(on: tx)
                    var count = 0
                    // One email per address, however many of its subscriptions match.
                    var seen: Set<String> = []
                    for s in followers where seen.insert(s.email).inserted {
                        let language = UILanguage.named(s.language) ?? .english
                        let about = known[topicKey(s)]?.words(language) ?? ""
                        let subject = Catalogue.format(
                            Catalogue.text("updates.email_\(n.kind == reportKind ? "report" : "activity")_subject", language), [n.title])
                        let body = Catalogue.format(
                            Catalogue.text("updates.email_\(n.kind == reportKind ? "report" : "activity")_body", language), [n.title, n.link])
                        if try await OutboxService.queue(
                            to: s.email, subject: subject, body: body, kind: n.kind, reference: n.id, mail: mail,
                            why: Catalogue.format(Catalogue.text("updates.why", language), [about]), on: tx)
                        {
                            count += 1
                        }
                    }
                    return count
                }
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue  // another server announced it first
            }
        }
        return queued
    }

    /// What a subscription follows, as a key: subscriptions with the same ward and theme read their words once.
    static func topicKey(_ s: UpdateSubscription) -> String { "\(s.placeID?.uuidString ?? "-")|\(s.themeID?.uuidString ?? "-")" }

    /// Reports published and public activities created in the last week that have not been announced.
    static func unannounced(_ db: any Database, now: Date, mail: MailContext) async throws -> [News] {
        let today = Day(now)
        let reports = try await FeedbackService.publishedSince(today.adding(days: -lookBack), db)
        let activities = try await RegisterService.newPublicActivities(since: now.addingTimeInterval(-Double(lookBack) * 86_400), today: today, db)
        let done = Set(
            try await UpdateAnnouncement.query(on: db).filter(\.$referenceID ~~ (reports.map(\.id) + activities.map(\.id))).all().map {
                "\($0.kind):\($0.referenceID)"
            })
        let fresh = reports.filter { !done.contains("\(reportKind):\($0.id)") }
        let freshActivities = activities.filter { !done.contains("\(activityKind):\($0.id)") }
        let links = try await RegisterService.wardAndThemeIDs(ofActivities: fresh.compactMap(\.activityID) + freshActivities.map(\.id), db)
        let boroughWide = Set(
            try await RegisterService.facts(fresh.compactMap(\.activityID), db).filter(\.boroughWide).map(\.id)
                + freshActivities.filter(\.boroughWide).map(\.id))
        func item(activity id: UUID) -> UpdateMatch.Item {
            UpdateMatch.Item(wards: boroughWide.contains(id) ? nil : links[id]?.wards ?? [], themes: links[id]?.themes ?? [])
        }
        return fresh.map { r in
            News(
                kind: reportKind, id: r.id, title: r.title, link: mail.baseURL + SiteURL.Feedback.publicReport(r.id),
                item: r.activityID.map { item(activity: $0) } ?? UpdateMatch.Item(wards: nil, themes: r.themeID.map { [$0] } ?? []))
        }
            + freshActivities.map { a in
                News(
                    kind: activityKind, id: a.id, title: a.title, link: mail.baseURL + SiteURL.Register.publicActivity(a.id),
                    item: item(activity: a.id))
            }
    }
}
