import Fluent
import Foundation
import ChorusCore

/// The personal data surveys keep about residents: a signed-in resident's own responses (linked to their account),
/// and the equality answers given with any response (kept apart, read only as counts). Anonymous responses name nobody.
enum SurveyPersonalData {
    static let declaration = PersonalDataDeclaration(
        kind: .surveyResponses, tables: [SurveyResponse.schema, SurveyEquality.schema],
        what: "A signed-in resident's answers to a survey, its reference and when it was sent; free-text answers are also insights (redacted).",
        purpose: "Hearing residents' views on what is being decided, and letting them change their answers until the survey closes.",
        lawfulBasis: "Public task (UK GDPR Article 6(1)(e)): consulting residents on decisions.",
        seenBy: "Staff of the organisation running the survey; everyone else sees counts of 5 or more and redacted quotes.",
        export: { key, db in
            guard let id = key.id else { return [] }
            let responses = try await SurveyResponse.query(on: db).filter(\.$residentID == id).sort(\.$startedAt).all()
            let surveys = Dictionary(
                try await Survey.query(on: db).filter(\.$id ~~ Set(responses.map(\.surveyID))).all().map { ($0.id!, SurveyService.Info($0)) },
                uniquingKeysWith: { a, _ in a })
            return responses.map { r in
                let answers = SurveyResponseService.decode(r.answers)
                let s = surveys[r.surveyID]
                return ExportedRecord(
                    kind: .surveyResponses, title: "Your answers: " + (s?.title ?? "a survey"),
                    fields: [("reference", r.reference), ("status", r.status), ("submitted_at", ExportedRecord.time(r.submittedAt))]
                        + (s?.definition.numbered ?? []).map { n, q in
                            ("\(n). \(q.text)", Optional(SurveyAnswers.summary(q, answers).joined(separator: "; ")))
                        })
            }
        },
        erase: { keys, scope, db in
            let ids = keys.ids
            guard !ids.isEmpty else { return 0 }
            let responses = try await SurveyResponse.query(on: db).filter(\.$residentID ~~ ids).all()
            switch scope {
            case .identity:
                // The answers stay, anonymous; drafts never sent go.
                for r in responses where r.status == "draft" { try await r.delete(on: db) }
                try await SurveyResponse.query(on: db).filter(\.$residentID ~~ ids).set(\.$residentID, to: nil).update()
            case .contributions:
                let activities = Dictionary(
                    try await Survey.query(on: db).filter(\.$id ~~ Set(responses.map(\.surveyID))).all().map { ($0.id!, $0.activityID) },
                    uniquingKeysWith: { a, _ in a })
                for r in responses {
                    if let activity = activities[r.surveyID] {
                        try await InsightService.record([], replacing: "survey:\(r.reference):", in: activity, on: db)
                    }
                    try await r.delete(on: db)
                }
            }
            return responses.count
        },
        expire: { pass in
            // After the period a response no longer names its resident, and drafts never sent are removed.
            let cutoff = pass.schedule.cutoff(for: .surveyResponses, now: pass.now)
            let drafts = try await pass.deleteDue(SurveyResponse.self) { $0.filter(\.$status == "draft").filter(\.$updatedAt < cutoff) }
            let unlinked = try await pass.inBatches { db, limit in
                let due = try await SurveyResponse.query(on: db).filter(\.$residentID != nil).filter(\.$submittedAt < cutoff).limit(limit).all(\.$id)
                guard !due.isEmpty else { return 0 }
                try await SurveyResponse.query(on: db).filter(\.$id ~~ due).set(\.$residentID, to: nil).update()
                return due.count
            }
            return drafts + unlinked
        })
}
