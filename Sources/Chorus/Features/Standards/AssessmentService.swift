import Vapor
import Fluent
import ChorusCore

/// "How are we doing?" self-assessments: who sees and changes one, starting one, rating each standard with its
/// evidence, sending it for moderation, challenges and their resolution, and agreeing it.
enum AssessmentService {
    static let entity = "standard_assessment"
    static let ratingEntity = "standard_rating"
    static let challengeEntity = "standard_challenge"
    static let maxEvidence = 4000
    static let maxLinks = 10

    /// Who may see an assessment: its organisation's staff and partnership admins, or every partner's staff when it is
    /// shared with the partnership (a partnership-wide assessment always is).
    enum Sharing: String, CaseIterable, Sendable {
        case organisation, partnership
        var label: String {
            switch self {
            case .organisation: return "Our organisation and partnership admins"
            case .partnership: return "Every partner organisation"
            }
        }
    }

    enum ChallengeSource: String, CaseIterable, Sendable {
        case reviewer, community
        var label: String {
            switch self {
            case .reviewer: return "Me, as a second reviewer"
            case .community: return "A community member of the steering group (I am recording it for them)"
            }
        }
    }

    struct Access: Sendable {
        /// Rates, sends for moderation, resolves challenges, agrees, adds actions.
        let canEdit: Bool
    }

    static func canSee(_ a: StandardAssessment, user: CurrentUser) -> Bool {
        a.sharing == Sharing.partnership.rawValue || user.role.canAdministerPartnership || a.$organisation.id == user.organisationID
    }

    /// Officers of the assessed organisation and partnership admins (who alone run the partnership's own).
    static func canEdit(_ a: StandardAssessment, user: CurrentUser) -> Bool {
        user.role.canAdministerPartnership
            || (user.role.canRegisterEngagement && a.$organisation.id != nil && a.$organisation.id == user.organisationID)
    }

    static func canStart(_ user: CurrentUser) -> Bool { user.role.canAdministerPartnership || user.role.canRegisterEngagement }

    /// An assessment the person may see, or 404 (another organisation's unshared assessment does not exist for them).
    static func find(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> (StandardAssessment, Access) {
        guard let id, let a = try await StandardAssessment.find(id, on: db), canSee(a, user: user) else { throw Abort(.notFound) }
        return (a, Access(canEdit: canEdit(a, user: user)))
    }

    static func requireEditor(_ access: Access) throws {
        guard access.canEdit else {
            throw Abort(.forbidden, reason: "Only the organisation's officers and partnership admins change this assessment")
        }
    }

    /// The assessments the person may see, newest first, optionally of one organisation and in one status.
    static func visible(user: CurrentUser, organisation: UUID? = nil, status: AssessmentStatus? = nil, _ db: any Database) async throws
        -> [StandardAssessment]
    {
        let q = StandardAssessment.query(on: db)
        if !user.role.canAdministerPartnership {
            q.group(.or) { g in
                g.filter(\.$sharing == Sharing.partnership.rawValue)
                g.filter(\.$organisation.$id == user.organisationID)
            }
        }
        if let organisation { q.filter(\.$organisation.$id == organisation) }
        if let status { q.filter(\.$status == status.rawValue) }
        return try await q.sort(\.$periodToDay, .descending).sort(\.$createdAt, .descending).sort(\.$id).limit(1000).all()
    }

    /// Starts an assessment against the current standards.
    static func create(_ input: Input, user: CurrentUser, today: Day, on db: any Database) async throws -> StandardAssessment {
        guard canStart(user) else { throw Abort(.forbidden, reason: "Only officers and partnership admins start self-assessments") }
        var v = Validator()
        let title = v.required("title", input["title"], label: "Title", max: 200)
        let service = v.optional("service", input["service"], label: "Service", max: 200)
        let partnershipWide = input["scope"] == "partnership"
        if input["scope"] != nil && !["organisation", "partnership"].contains(input["scope"]!) {
            v.add("scope", "Choose whose practice is assessed")
        } else if partnershipWide && !user.role.canAdministerPartnership {
            v.add("scope", "Only partnership admins start an assessment of the whole partnership")
        }
        let sharing =
            partnershipWide ? .partnership : v.choice("sharing", input["sharing"] ?? "organisation", label: "Who can see it", as: Sharing.self)
        let from = day(&v, "period_from", input, label: "Start of the period")
        let to = day(&v, "period_to", input, label: "End of the period")
        if let from, let to {
            if to < from {
                v.add("period_to", "The end of the period must be on or after its start")
            } else if to.ordinal - from.ordinal > 3 * 366 {
                v.add("period_to", "The period can be at most 3 years")
            }
        }
        try v.check()
        let set = try await StandardsService.current(db)
        let a = StandardAssessment()
        a.$organisation.id = partnershipWide ? nil : user.organisationID
        a.service = partnershipWide ? nil : service
        a.title = title; a.setVersion = set.version; a.periodFromDay = from!.ordinal; a.periodToDay = to!.ordinal
        a.sharing = (sharing ?? .organisation).rawValue; a.status = AssessmentStatus.draft.rawValue; a.createdByPersonID = user.id
        try await db.transaction { tx in
            try await a.create(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: entity, id: a.id, label: title,
                after: ["standards_version": String(set.version), "sharing": a.sharing, "period": "\(from!) to \(to!)"])
        }
        return a
    }

    /// Records the rating of one standard with its evidence; while the assessment is a draft.
    static func rate(
        _ a: StandardAssessment, access: Access, key: String, standards: StandardSet, figures: [StandardsEvidence.Figure], _ input: Input,
        user: CurrentUser, on db: any Database
    ) async throws {
        try requireEditor(access)
        guard let standard = standards.standard(key) else { throw Abort(.notFound) }
        var v = Validator()
        if a.status != AssessmentStatus.draft.rawValue {
            v.add("level_\(key)", "Ratings change only while the assessment is a draft; in moderation, challenge a rating instead")
        }
        let level = v.choice("level_\(key)", input["level_\(key)"], label: "Level for \(standard.title)", as: StandardLevel.self)
        let evidence = v.optional("evidence_\(key)", input["evidence_\(key)"], label: "Evidence", max: maxEvidence, multiline: true) ?? ""
        let links = readLinks(&v, field: "links_\(key)", input["links_\(key)"])
        let kept = Input.isTrue(input["include_figures_\(key)"]) ? figures.filter { $0.standardKey == key } : []
        if evidence.isEmpty && links.isEmpty && kept.isEmpty {
            v.add("evidence_\(key)", "Give some evidence for \(standard.title): what you saw, a link, or Chorus's figure")
        }
        try v.check()
        let existing = try await StandardRating.query(on: db).filter(\.$assessment.$id == a.id!).filter(\.$standardKey == key).first()
        let r = existing ?? StandardRating()
        let before = existing.map { ["level": $0.level] }
        r.$assessment.id = a.id!; r.standardKey = key; r.level = level!.rawValue; r.evidence = evidence
        r.links = links.joined(separator: "\n"); r.figures = StoredJSON.encode(kept); r.ratedByPersonID = user.id; r.ratedByName = user.name
        try await db.transaction { tx in
            try await r.save(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: existing == nil ? .create : .update, entity: ratingEntity, id: r.id,
                label: "\(a.title): \(standard.title)", before: before,
                after: ["level": level!.rawValue, "links": String(links.count), "figures": String(kept.count)])
        }
    }

    /// Sends a complete draft for moderation.
    static func sendForModeration(
        _ a: StandardAssessment, access: Access, standards: StandardSet, user: CurrentUser, on db: any Database
    ) async throws {
        try requireEditor(access)
        let ratings = try await StandardRating.query(on: db).filter(\.$assessment.$id == a.id!).all()
        var errors = a.status == AssessmentStatus.draft.rawValue ? [] : [FieldError("status", "Only a draft is sent for moderation")]
        errors += AssessmentRules.checkReadyForModeration(
            ratings: levels(ratings), evidence: Dictionary(ratings.map { ($0.standardKey, true) }) { a, _ in a }, keys: standards.keys,
            titles: Dictionary(uniqueKeysWithValues: standards.standards.map { ($0.key, $0.title) }))
        if !errors.isEmpty { throw ValidationFailure(errors) }
        try await setStatus(a, .moderation, user: user, db)
    }

    /// Raises a challenge to one rating (anyone who may see the assessment, other than the rating's author).
    static func challenge(
        _ a: StandardAssessment, standards: StandardSet, _ input: Input, user: CurrentUser, on db: any Database
    ) async throws {
        var v = Validator()
        let key = input["standard_key"] ?? ""
        let standard = standards.standard(key)
        if standard == nil { v.add("standard_key", "Choose the standard whose rating you challenge") }
        let rating = try await StandardRating.query(on: db).filter(\.$assessment.$id == a.id!).filter(\.$standardKey == key).first()
        let proposed = input["proposed_level"].flatMap { $0.isEmpty ? nil : StandardLevel(rawValue: $0) }
        if let raw = input["proposed_level"], !raw.isEmpty, proposed == nil { v.add("proposed_level", "Choose Emerging, Aspiring or Established") }
        let reason = v.optional("reason", input["reason"], label: "Why", max: 2000, multiline: true)
        let source = v.choice("raised_as", input["raised_as"] ?? "reviewer", label: "Who is challenging", as: ChallengeSource.self) ?? .reviewer
        var name = user.name
        if source == .community {
            name = v.required("community_name", input["community_name"], label: "Community member's name", max: 120)
        }
        let current = rating.flatMap { StandardLevel(rawValue: $0.level) }
        let ruleErrors = AssessmentRules.checkChallenge(
            status: AssessmentStatus(rawValue: a.status) ?? .draft, current: current, proposed: proposed, reason: reason,
            challenger: source == .community ? nil : user.id, ratedBy: rating?.ratedByPersonID)
        for e in ruleErrors where v.message(for: e.field) == nil { v.add(e.field, e.message) }
        try v.check()
        let c = StandardChallenge()
        c.$assessment.id = a.id!; c.standardKey = key; c.fromLevel = current?.rawValue ?? ""; c.proposedLevel = proposed!.rawValue
        c.reason = reason!; c.raisedByPersonID = user.id; c.raisedByName = name; c.raisedAs = source.rawValue
        c.status = ChallengeStatus.open.rawValue
        try await db.transaction { tx in
            try await c.create(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: challengeEntity, id: c.id, label: "\(a.title): \(standard!.title)",
                after: ["proposed": proposed!.rawValue, "raised_as": source.rawValue])
        }
    }

    /// Upholds a challenge (the rating becomes the proposed level) or dismisses it with a response.
    static func findChallenge(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> (StandardChallenge, StandardAssessment, Access) {
        guard let id, let c = try await StandardChallenge.find(id, on: db) else { throw Abort(.notFound) }
        let (a, access) = try await find(c.$assessment.id, user: user, db)
        return (c, a, access)
    }

    static func resolve(
        _ c: StandardChallenge, assessment a: StandardAssessment, access: Access, _ input: Input, user: CurrentUser, today: Day, on db: any Database
    ) async throws {
        try requireEditor(access)
        var v = Validator()
        let outcome = v.choice("outcome", input["outcome"], label: "Outcome", as: ChallengeStatus.self)
        let response = v.optional("response", input["response"], label: "Response", max: 2000, multiline: true)
        if outcome == .open { v.add("outcome", "Uphold or dismiss the challenge") }
        if outcome == .dismissed && response == nil { v.add("response", "Say why the rating stands") }
        if c.status != ChallengeStatus.open.rawValue { v.add("outcome", "This challenge has already been resolved") }
        try v.check()
        c.status = outcome!.rawValue; c.response = response; c.resolvedByName = user.name; c.resolvedDay = today.ordinal
        try await db.transaction { tx in
            try await c.update(on: tx)
            if outcome == .upheld,
                let r = try await StandardRating.query(on: tx).filter(\.$assessment.$id == a.id!).filter(\.$standardKey == c.standardKey).first()
            {
                r.level = c.proposedLevel
                try await r.update(on: tx)
            }
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: challengeEntity, id: c.id, label: "\(a.title): \(c.standardKey)",
                before: ["status": ChallengeStatus.open.rawValue], after: ["status": outcome!.rawValue])
        }
    }

    /// Agrees a moderated assessment: it is read-only from then on and counts as the latest for comparisons.
    static func agree(_ a: StandardAssessment, access: Access, user: CurrentUser, today: Day, on db: any Database) async throws {
        try requireEditor(access)
        let open = try await StandardChallenge.query(on: db).filter(\.$assessment.$id == a.id!).filter(\.$status == ChallengeStatus.open.rawValue)
            .count()
        let raters = Set(try await StandardRating.query(on: db).filter(\.$assessment.$id == a.id!).all().compactMap(\.ratedByPersonID))
        let errors = AssessmentRules.checkAgree(
            status: AssessmentStatus(rawValue: a.status) ?? .draft, openChallenges: open, agreer: user.id, raters: raters)
        if !errors.isEmpty { throw ValidationFailure(errors) }
        a.agreedByName = user.name; a.agreedDay = today.ordinal
        try await setStatus(a, .agreed, user: user, db)
    }

    private static func setStatus(_ a: StandardAssessment, _ to: AssessmentStatus, user: CurrentUser, _ db: any Database) async throws {
        let from = a.status
        a.status = to.rawValue
        try await db.transaction { tx in
            try await a.update(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: a.id, label: a.title, before: ["status": from],
                after: ["status": to.rawValue])
        }
    }

    // MARK: - Reading

    static func ratings(_ a: StandardAssessment, _ db: any Database) async throws -> [StandardRating] {
        try await StandardRating.query(on: db).filter(\.$assessment.$id == a.id!).all()
    }

    static func challenges(_ a: StandardAssessment, _ db: any Database) async throws -> [StandardChallenge] {
        try await StandardChallenge.query(on: db).filter(\.$assessment.$id == a.id!).sort(\.$createdAt).sort(\.$id).all()
    }

    static func levels(_ ratings: [StandardRating]) -> [String: StandardLevel] {
        var out: [String: StandardLevel] = [:]
        for r in ratings { if let l = StandardLevel(rawValue: r.level) { out[r.standardKey] = l } }
        return out
    }

    /// The last agreed assessment of the same organisation and service before this one, that the person may see.
    static func previous(_ a: StandardAssessment, user: CurrentUser, _ db: any Database) async throws -> StandardAssessment? {
        let q = StandardAssessment.query(on: db).filter(\.$status == AssessmentStatus.agreed.rawValue).filter(\.$id != a.id!)
            .filter(\.$periodToDay <= a.periodToDay)
        if let org = a.$organisation.id { q.filter(\.$organisation.$id == org) } else { q.filter(\.$organisation.$id == nil) }
        let service = (a.service ?? "").lowercased()
        return try await q.sort(\.$periodToDay, .descending).sort(\.$agreedDay, .descending).all()
            .first { ($0.service ?? "").lowercased() == service && canSee($0, user: user) }
    }

    // MARK: - Form parts

    private static func day(_ v: inout ChorusCore.Validator, _ field: String, _ input: Input, label: String) -> Day? {
        guard let s = v.optional(field, input[field], label: label, max: 10) else {
            v.add(field, "Enter the \(label.lowercased()), like 2026-04-01")
            return nil
        }
        guard let d = Day(iso: s) else {
            v.add(field, "Enter the \(label.lowercased()) as a real date, like 2026-04-01")
            return nil
        }
        return d
    }

    /// Evidence links, one a line: web addresses (http or https) or Chorus's own pages ("/register/…").
    static func readLinks(_ v: inout ChorusCore.Validator, field: String, _ raw: String?) -> [String] {
        let lines = (raw ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if lines.count > maxLinks { v.add(field, "Give at most \(maxLinks) links") }
        for (i, l) in lines.enumerated() {
            if l.count > 500 || !(WebAddress.isWeb(l) || WebAddress.isSitePath(l)) {
                v.add(field, "Link \(i + 1) must be a web address starting https:// or a Chorus page starting /")
                break
            }
        }
        return lines
    }
}
