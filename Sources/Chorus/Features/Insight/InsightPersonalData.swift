import Fluent
import SQLKit
import Foundation
import ChorusCore

/// The personal data the insight store keeps about residents: the email address a resident gave so they could hear
/// back, and what they said, found by that address. Erasing removes the address (and the text as first written,
/// before redaction, which may name them); with their contributions, the insights go too, with everything derived
/// from them (themes they were tagged with, bundles, analysis membership and embeddings, the search index).
enum InsightPersonalData {
    static let declaration = PersonalDataDeclaration(
        kind: .insightContacts,
        tables: [Insight.schema, InsightTheme.schema, InsightAudience.schema, InsightBundleItem.schema],
        what: "What a resident said, with the email address they gave to hear back, their postcode sector and equality answers.",
        purpose: "Understanding what residents say, and telling those who asked what happened as a result.",
        lawfulBasis: "Public task (UK GDPR Article 6(1)(e)); the email address and equality answers by consent.",
        seenBy: "Staff of the organisation that recorded it; other partners see the redacted text only as its sharing level allows.",
        export: { key, db in
            guard let email = key.email else { return [] }
            return try await mine([email], db).map { i in
                ExportedRecord(
                    kind: .insightContacts, title: "What you told us",
                    fields: [
                        ("text", i.originalText ?? i.text), ("heard_on", Day(ordinal: i.heardDay).description),
                        ("postcode_sector", i.postcodeSector), ("email", i.contactEmail),
                        ("hear_back", i.feedbackOptIn ? "yes" : "no"),
                    ] + i.equality.sorted { $0.key < $1.key }.map { ($0.key, Optional($0.value)) })
            }
        },
        erase: { keys, scope, db in
            let found = try await mine(keys.emails, db)
            let ids = found.compactMap(\.id)
            guard !ids.isEmpty else { return 0 }
            switch scope {
            case .identity:
                for chunk in ids.chunked(500) {
                    try await Insight.query(on: db).filter(\.$id ~~ chunk).set(\.$contactEmail, to: nil).set(\.$feedbackOptIn, to: false)
                        .set(\.$originalText, to: nil).update()
                }
            case .contributions:
                try await InsightService.delete(ids, db)
            }
            return ids.count
        },
        expire: { pass in
            // A contact address is kept a year after the insight was heard (long enough to report back), then removed;
            // an activity with a period of its own keeps its insights' addresses for that long instead.
            let own = pass.schedule.activityDays.filter { $0.value[.insightContacts] != nil }.map(\.key)
            func clear(_ cutoff: Day, _ scope: @escaping @Sendable (QueryBuilder<Insight>) -> QueryBuilder<Insight>) async throws -> Int {
                try await pass.inBatches { db, limit in
                    let ids = try await scope(Insight.query(on: db)).filter(\.$contactEmail != nil).filter(\.$heardDay < cutoff.ordinal)
                        .sort(\.$heardDay).limit(limit).all(\.$id)
                    guard !ids.isEmpty else { return 0 }
                    try await Insight.query(on: db).filter(\.$id ~~ ids).set(\.$contactEmail, to: nil).set(\.$feedbackOptIn, to: false).update()
                    return ids.count
                }
            }
            var total = try await clear(Day(pass.schedule.cutoff(for: .insightContacts, now: pass.now))) { q in
                own.isEmpty ? q : q.group(.or) { $0.filter(\.$activity.$id == nil).filter(\.$activity.$id !~ own) }
            }
            for activity in own {
                total += try await clear(Day(pass.schedule.cutoff(for: .insightContacts, activity: activity, now: pass.now))) {
                    $0.filter(\.$activity.$id == activity)
                }
            }
            return total
        })

    /// The insights that carry one of these addresses.
    private static func mine(_ emails: [String], _ db: any Database) async throws -> [Insight] {
        guard !emails.isEmpty else { return [] }
        var out: [Insight] = []
        for chunk in emails.chunked(500) { out += try await Insight.query(on: db).filter(\.$contactEmail ~~ chunk).sort(\.$heardDay).all() }
        return out
    }
}
