import Fluent
import Foundation
import ChorusCore

/// The personal data the residents' area keeps: accounts and their sessions, sign-in codes, equality answers,
/// consents, and the requests staff recorded about them.
enum ResidentPersonalData {
    static var declarations: [PersonalDataDeclaration] { [signInCodes, equality, consents, requests, account] }

    static let account = PersonalDataDeclaration(
        kind: .account, tables: [Resident.schema, ResidentSession.schema],
        what: "Email address (or, for someone registered by staff, a phone number), optional name, postcode sector and ward, language.",
        purpose: "Letting residents take part as themselves, come back, and see and control their data.",
        lawfulBasis: "Consent (UK GDPR Article 6(1)(a)), given by signing in; ended by deleting the account.",
        seenBy: "The resident; partnership admins answering a request or helping someone without email.",
        export: { key, db in
            guard let id = key.id, let r = try await Resident.find(id, on: db) else { return [] }
            var ward: String? = nil
            if let place = r.$place.id { ward = try await WardFinder.ward(place, db)?.name }
            return [
                ExportedRecord(
                    kind: .account, title: "Your account",
                    fields: [
                        ("reference", r.reference), ("email", r.email), ("name", r.displayName), ("phone", r.phone),
                        ("postcode_sector", r.postcodeSector), ("ward", ward), ("language", r.language),
                        ("registered_by_staff", r.assisted ? "yes" : "no"), ("created_at", ExportedRecord.time(r.createdAt)),
                        ("last_active_at", ExportedRecord.time(r.lastActiveAt)),
                    ])
            ]
        },
        erase: { keys, _, db in
            let ids = keys.ids
            guard !ids.isEmpty else { return 0 }
            try await ResidentSession.query(on: db).filter(\.$resident.$id ~~ ids).delete()
            return try await Resident.query(on: db).filter(\.$id ~~ ids).deleteCounting()
        },
        expire: { pass in
            // An account nobody has used for the retention period is deleted as its owner would delete it: everything
            // found through it is erased, what they contributed stays without their name.
            let cutoff = pass.schedule.cutoff(for: .account, now: pass.now)
            return try await pass.inBatches { db, limit in
                let due = try await Resident.query(on: db).filter(\.$lastActiveAt < cutoff).limit(limit).all()
                guard !due.isEmpty else { return 0 }
                try await db.transaction { tx in
                    try await PersonalDataRegistry.erase(due.map { ResidentKey(id: $0.id, email: $0.email) }, scope: .identity, tx)
                }
                return due.count
            }
        })

    static let signInCodes = PersonalDataDeclaration(
        kind: .signInCodes, tables: [ResidentSignInCode.schema],
        what: "Email address a sign-in code was sent to, the code and link (hashed), the asking device's network address, when.",
        purpose: "Signing residents in without a password, and stopping codes being asked for too often.",
        lawfulBasis: "Legitimate interests (UK GDPR Article 6(1)(f)): keeping accounts secure.",
        seenBy: "Nobody reads it; the server checks codes against it.",
        export: { key, db in
            guard let email = key.email else { return [] }
            return try await ResidentSignInCode.query(on: db).filter(\.$email == email).sort(\.$createdAt).all().map {
                ExportedRecord(
                    kind: .signInCodes, title: "Sign-in code asked for",
                    fields: [("email", $0.email), ("asked_at", ExportedRecord.time($0.createdAt)), ("used_at", ExportedRecord.time($0.usedAt))])
            }
        },
        erase: { keys, _, db in
            let emails = keys.emails
            guard !emails.isEmpty else { return 0 }
            return try await ResidentSignInCode.query(on: db).filter(\.$email ~~ emails).deleteCounting()
        },
        expire: { pass in
            let cutoff = pass.schedule.cutoff(for: .signInCodes, now: pass.now)
            return try await pass.deleteDue(ResidentSignInCode.self) { $0.filter(\.$createdAt < cutoff) }
        })

    static let equality = PersonalDataDeclaration(
        kind: .equalityAnswers, tables: [ResidentEquality.schema],
        what: "Answers to the equality monitoring questions (ONS Census 2021 categories), each optional.",
        purpose: "Counting who takes part, to find who is not being heard. Never shown beside what a resident says.",
        lawfulBasis: "Explicit consent (UK GDPR Articles 6(1)(a) and 9(2)(a)), recorded with its wording.",
        seenBy: "Nobody as answers; staff see counts of 5 or more only.",
        export: { key, db in
            guard let id = key.id, let row = try await ResidentEquality.query(on: db).filter(\.$resident.$id == id).first() else { return [] }
            let answers = AuditService.decode(row.answers)
            return [
                ExportedRecord(
                    kind: .equalityAnswers, title: "Your equality monitoring answers",
                    fields: EqualityMonitoring.questions.map { q in (q.question, answers[q.field].flatMap(q.label(for:))) }
                        + [("answered_at", ExportedRecord.time(row.answeredAt))])
            ]
        },
        erase: { keys, _, db in
            let ids = keys.ids
            guard !ids.isEmpty else { return 0 }
            return try await ResidentEquality.query(on: db).filter(\.$resident.$id ~~ ids).deleteCounting()
        },
        expire: { pass in
            let cutoff = pass.schedule.cutoff(for: .equalityAnswers, now: pass.now)
            return try await pass.deleteDue(ResidentEquality.self) { $0.filter(\.$answeredAt < cutoff) }
        })

    static let consents = PersonalDataDeclaration(
        kind: .consentRecords, tables: [ConsentRecord.schema],
        what: "Each consent: its purpose, the exact words shown, the language, how it was given, who recorded it, when, and its withdrawal.",
        purpose: "Proving what each resident agreed to, and stopping what they withdraw.",
        lawfulBasis: "Legal obligation (UK GDPR Article 6(1)(c)): demonstrating consent (Article 7(1)).",
        seenBy: "The resident; partnership admins answering a request.",
        export: { key, db in
            guard let id = key.id else { return [] }
            return try await ConsentRecord.query(on: db).filter(\.$resident.$id == id).sort(\.$givenAt).all().map {
                ExportedRecord(
                    kind: .consentRecords, title: "Consent: " + $0.purpose,
                    fields: [
                        ("purpose", $0.purpose), ("version", String($0.version)), ("wording", $0.wording), ("language", $0.language),
                        ("channel", $0.channel), ("recorded_by", $0.recordedByName), ("given_at", ExportedRecord.time($0.givenAt)),
                        ("withdrawn_at", ExportedRecord.time($0.withdrawnAt)),
                    ])
            }
        },
        erase: { keys, _, db in
            let ids = keys.ids
            guard !ids.isEmpty else { return 0 }
            return try await ConsentRecord.query(on: db).filter(\.$resident.$id ~~ ids).deleteCounting()
        },
        expire: { pass in
            // A withdrawn consent is kept as evidence for the retention period after its withdrawal.
            let cutoff = pass.schedule.cutoff(for: .consentRecords, now: pass.now)
            return try await pass.deleteDue(ConsentRecord.self) { $0.filter(\.$withdrawnAt < cutoff) }
        })

    /// Requests are the partnership's evidence that it answered: erasing keeps the request and its dates but removes
    /// who asked.
    static let requests = PersonalDataDeclaration(
        kind: .account, title: "Subject access and erasure requests", tables: [DataRequest.schema],
        what: "Subject access and erasure requests: who asked, their email, when it was received and answered.",
        purpose: "Answering requests within the legal time limit, and showing that they were answered.",
        lawfulBasis: "Legal obligation (UK GDPR Article 6(1)(c)).",
        seenBy: "Partnership admins.",
        export: { key, db in
            var rows: [DataRequest] = []
            if let id = key.id { rows += try await DataRequest.query(on: db).filter(\.$resident.$id == id).all() }
            if let email = key.email { rows += try await DataRequest.query(on: db).filter(\.$email == email).filter(\.$resident.$id == nil).all() }
            return rows.map {
                ExportedRecord(
                    kind: .account, title: "Your request (\($0.kind))",
                    fields: [
                        ("kind", $0.kind), ("requester", $0.requester), ("email", $0.email), ("received", Day(ordinal: $0.receivedDay).description),
                        ("due", Day(ordinal: $0.dueDay).description), ("closed_at", ExportedRecord.time($0.closedAt)), ("outcome", $0.outcome),
                    ])
            }
        },
        erase: { keys, _, db in
            var found: [UUID: DataRequest] = [:]
            if !keys.ids.isEmpty { for r in try await DataRequest.query(on: db).filter(\.$resident.$id ~~ keys.ids).all() { found[r.id!] = r } }
            if !keys.emails.isEmpty { for r in try await DataRequest.query(on: db).filter(\.$email ~~ keys.emails).all() { found[r.id!] = r } }
            var n = 0
            for r in found.values {
                r.$resident.id = nil
                r.email = nil
                r.requester = "(erased)"
                try await r.update(on: db)
                n += 1
            }
            return n
        })
}
