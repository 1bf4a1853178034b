import Fluent
import Foundation
import ChorusCore

/// The personal data panels keep: each membership's profile (Census-style answers, ward, household code used), the
/// consent words agreed to, and for a member added by staff their name and contact. Leaving the panel, erasure or the
/// retention period removes the membership; a published selection keeps only its pseudonym, which then links to
/// nobody (the audit files never held names).
enum PanelPersonalData {
    static let declaration = PersonalDataDeclaration(
        kind: .panelProfiles, tables: [PanelMember.schema],
        what:
            "Your membership of each citizens' panel: the profile you gave (age band, sex, ethnic group, whether a health problem or "
            + "disability limits your day-to-day activities, your ward), the household code from your letter if you used one, and the consent words you agreed to.",
        purpose: "Selecting panels for events so that they reflect the people who live here, and inviting the people selected.",
        lawfulBasis:
            "Consent (UK GDPR Article 6(1)(a)), and explicit consent for the ethnic group and health answers (Article 9(2)(a)); you can leave at any time.",
        seenBy:
            "Staff of the organisation running the panel. Published selections show pseudonyms and profile answers only, never names or contact details.",
        export: { key, db in
            guard let id = key.id else { return [] }
            let rows = try await PanelMember.query(on: db).filter(\.$residentID == id).sort(\.$createdAt).all()
            let names = Dictionary(
                try await Panel.query(on: db).filter(\.$id ~~ Set(rows.map(\.panelID))).all().map { ($0.id!, $0.name) },
                uniquingKeysWith: { a, _ in a })
            return rows.map { m in
                let answers: [(String, String?)] = m.answers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
                let about: [(String, String?)] = [
                    ("consent", m.consentWording), ("joined_at", ExportedRecord.time(m.createdAt)), ("updated_at", ExportedRecord.time(m.updatedAt)),
                ]
                return ExportedRecord(
                    kind: .panelProfiles, title: "Your panel membership: " + (names[m.panelID] ?? "a panel"), fields: answers + about)
            }
        },
        erase: { keys, _, db in
            let ids = keys.ids
            guard !ids.isEmpty else { return 0 }
            return try await PanelMember.query(on: db).filter(\.$residentID ~~ ids).deleteCounting()
        },
        expire: { pass in
            // A profile not confirmed or changed within the period no longer describes its member: the membership ends.
            let cutoff = pass.schedule.cutoff(for: .panelProfiles, now: pass.now)
            return try await pass.deleteDue(PanelMember.self) { $0.filter(\.$updatedAt < cutoff) }
        })
}
