import Vapor
import Fluent
import ChorusCore

/// Page models of the standards area: plain values built here, rendered by pure views.
enum StandardsPages {
    struct AssessmentRow: Sendable {
        let id: UUID
        let title: String
        /// The organisation (and service), or "Whole partnership".
        let whose: String
        let from: Day
        let to: Day
        let status: AssessmentStatus
        let agreedOn: Day?
    }

    struct Home: Sendable {
        let standards: StandardSet
        let versions: [StandardsService.VersionInfo]
        let canEditStandards: Bool
        let assessments: [AssessmentRow]
        let organisations: [Form.Option]
        let filterOrganisation: String?
        let filterStatus: String?
        let canStart: Bool
        let isAdmin: Bool
        var errors: [FieldError] = []
        var input: Input? = nil
    }

    struct EditStandard: Sendable {
        /// nil: a new standard.
        let standard: QualityStandard?
        let version: Int
        var errors: [FieldError] = []
        var input: Input? = nil
    }

    struct Rating: Sendable {
        let level: StandardLevel
        let evidence: String
        let links: [String]
        let figures: [StandardsEvidence.Figure]
        let ratedBy: String
    }

    struct Challenge: Sendable {
        let id: UUID
        let standardKey: String
        let from: StandardLevel?
        let proposed: StandardLevel
        let reason: String
        let raisedBy: String
        let raisedAs: AssessmentService.ChallengeSource
        let status: ChallengeStatus
        let response: String?
        let resolvedBy: String?
        let resolvedOn: Day?
    }

    struct Assessment: Sendable {
        let id: UUID
        let title: String
        let whose: String
        let from: Day
        let to: Day
        let status: AssessmentStatus
        let sharing: AssessmentService.Sharing
        let agreedBy: String?
        let agreedOn: Day?
        let standards: StandardSet
        /// The current standards' version, when newer than the one this assessment was made against.
        let newerVersion: Int?
        let ratings: [String: Rating]
        /// Chorus's figures for the period, as they are today.
        let figures: [String: [StandardsEvidence.Figure]]
        let previous: (id: UUID, title: String)?
        let changes: [String: RatingChange]
        let challenges: [Challenge]
        let actions: [StandardActionService.Row]
        let gaps: [String]
        let canEdit: Bool
        let people: [Form.Option]
        var errors: [FieldError] = []
        var input: Input? = nil
        var notice: String? = nil

        func title(of key: String) -> String { standards.standard(key)?.title ?? key }
        var levels: [String: StandardLevel] { ratings.mapValues(\.level) }
    }

    struct ActionPage: Sendable {
        let row: StandardActionService.Row
        let assessmentID: UUID
        let assessmentTitle: String
        let standardTitle: String
        let canUpdate: Bool
        var errors: [FieldError] = []
        var input: Input? = nil
    }

    struct Compare: Sendable {
        struct Row: Sendable { let whose: String; let assessmentID: UUID; let title: String; let agreedOn: Day?; let levels: [String: StandardLevel] }
        let standards: StandardSet
        let rows: [Row]
    }

    // MARK: - Builders

    static func home(
        user: CurrentUser, organisation: String? = nil, status: String? = nil, errors: [FieldError] = [], input: Input? = nil, _ db: any Database
    ) async throws -> Home {
        let orgFilter = organisation.flatMap(UUID.init(uuidString:))
        let statusFilter = status.flatMap(AssessmentStatus.init(rawValue:))
        let list = try await AssessmentService.visible(user: user, organisation: orgFilter, status: statusFilter, db)
        let whose = try await whoseNames(list, db)
        let orgs = try await Organisation.query(on: db).sort(\.$name).all().map { Form.Option($0.id!.uuidString, $0.name) }
        return Home(
            standards: try await StandardsService.current(db), versions: try await StandardsService.versions(db),
            canEditStandards: StandardsService.canEdit(user),
            assessments: list.map { row($0, whose: whose) }, organisations: orgs, filterOrganisation: orgFilter?.uuidString,
            filterStatus: statusFilter?.rawValue, canStart: AssessmentService.canStart(user), isAdmin: user.role.canAdministerPartnership,
            errors: errors, input: input)
    }

    static func editStandard(key: String?, user: CurrentUser, errors: [FieldError] = [], input: Input? = nil, _ db: any Database) async throws
        -> EditStandard
    {
        guard StandardsService.canEdit(user) else { throw Abort(.forbidden, reason: "Only partnership admins edit the standards") }
        let set = try await StandardsService.current(db)
        let standard = try key.map { k in
            guard let s = set.standard(k) else { throw Abort(.notFound) }
            return s
        }
        return EditStandard(standard: standard, version: set.version, errors: errors, input: input)
    }

    static func assessment(
        _ id: UUID?, user: CurrentUser, today: Day, errors: [FieldError] = [], input: Input? = nil, notice: String? = nil, _ db: any Database
    ) async throws -> Assessment {
        let (a, access) = try await AssessmentService.find(id, user: user, db)
        return try await assessment(a, access: access, user: user, today: today, errors: errors, input: input, notice: notice, db)
    }

    static func assessment(
        _ a: StandardAssessment, access: AssessmentService.Access, user: CurrentUser, today: Day, errors: [FieldError] = [],
        input: Input? = nil, notice: String? = nil, _ db: any Database
    ) async throws -> Assessment {
        guard let standards = try await StandardsService.set(version: a.setVersion, db) else { throw Abort(.notFound) }
        let current = try await StandardsService.current(db).version
        var ratings: [String: Rating] = [:]
        for r in try await AssessmentService.ratings(a, db) {
            guard let level = StandardLevel(rawValue: r.level) else { continue }
            ratings[r.standardKey] = Rating(
                level: level, evidence: r.evidence, links: r.links.split(separator: "\n").map(String.init),
                figures: StoredJSON.decode(r.figures) ?? [], ratedBy: r.ratedByName)
        }
        let figures = Dictionary(grouping: try await StandardsEvidenceService.figures(for: a, today: today, db), by: \.standardKey)
        let previous = try await AssessmentService.previous(a, user: user, db)
        var previousLevels: [String: StandardLevel] = [:]
        if let previous { previousLevels = AssessmentService.levels(try await AssessmentService.ratings(previous, db)) }
        let levels = ratings.mapValues(\.level)
        let challenges = try await AssessmentService.challenges(a, db).map { c in
            Challenge(
                id: c.id!, standardKey: c.standardKey, from: StandardLevel(rawValue: c.fromLevel),
                proposed: StandardLevel(rawValue: c.proposedLevel) ?? .emerging,
                reason: c.reason, raisedBy: c.raisedByName, raisedAs: AssessmentService.ChallengeSource(rawValue: c.raisedAs) ?? .reviewer,
                status: ChallengeStatus(rawValue: c.status) ?? .open, response: c.response, resolvedBy: c.resolvedByName,
                resolvedOn: c.resolvedDay.map(Day.init(ordinal:)))
        }
        return Assessment(
            id: a.id!, title: a.title, whose: try await whoseNames([a], db)[a.id!] ?? "", from: Day(ordinal: a.periodFromDay),
            to: Day(ordinal: a.periodToDay), status: AssessmentStatus(rawValue: a.status) ?? .draft,
            sharing: AssessmentService.Sharing(rawValue: a.sharing) ?? .organisation, agreedBy: a.agreedByName,
            agreedOn: a.agreedDay.map(Day.init(ordinal:)), standards: standards, newerVersion: current > a.setVersion ? current : nil,
            ratings: ratings, figures: figures, previous: previous.map { ($0.id!, $0.title) },
            changes: previous == nil ? [:] : AssessmentRules.changes(previous: previousLevels, current: levels, keys: standards.keys),
            challenges: challenges, actions: try await StandardActionService.rows(a, today: today, db),
            gaps: AssessmentRules.gaps(levels, keys: standards.keys), canEdit: access.canEdit,
            people: access.canEdit ? try await PeopleService.options(db) : [], errors: errors, input: input, notice: notice)
    }

    static func action(_ id: UUID?, user: CurrentUser, today: Day, errors: [FieldError] = [], input: Input? = nil, _ db: any Database) async throws
        -> ActionPage
    {
        let (x, a, canUpdate) = try await StandardActionService.find(id, user: user, db)
        let standards = try await StandardsService.set(version: a.setVersion, db)
        return ActionPage(
            row: try await StandardActionService.rows([x], today: today, db)[0], assessmentID: a.id!, assessmentTitle: a.title,
            standardTitle: standards?.standard(x.standardKey)?.title ?? x.standardKey, canUpdate: canUpdate, errors: errors, input: input)
    }

    /// The partnership view: the latest agreed assessment of each organisation (and of the whole partnership) the
    /// person may see, against the current standards' keys.
    static func compare(user: CurrentUser, _ db: any Database) async throws -> Compare {
        let agreed = try await AssessmentService.visible(user: user, status: .agreed, db)
        var latest: [String: StandardAssessment] = [:]
        let whose = try await whoseNames(agreed, db)
        for a in agreed {
            let k = whose[a.id!] ?? ""
            if let seen = latest[k], (seen.periodToDay, seen.agreedDay ?? 0) >= (a.periodToDay, a.agreedDay ?? 0) { continue }
            latest[k] = a
        }
        var rows: [Compare.Row] = []
        for (k, a) in latest.sorted(by: { $0.key < $1.key }) {
            rows.append(
                .init(
                    whose: k, assessmentID: a.id!, title: a.title, agreedOn: a.agreedDay.map(Day.init(ordinal:)),
                    levels: AssessmentService.levels(try await AssessmentService.ratings(a, db))))
        }
        return Compare(standards: try await StandardsService.current(db), rows: rows)
    }

    private static func row(_ a: StandardAssessment, whose: [UUID: String]) -> AssessmentRow {
        AssessmentRow(
            id: a.id!, title: a.title, whose: whose[a.id!] ?? "", from: Day(ordinal: a.periodFromDay), to: Day(ordinal: a.periodToDay),
            status: AssessmentStatus(rawValue: a.status) ?? .draft, agreedOn: a.agreedDay.map(Day.init(ordinal:)))
    }

    /// "Organisation: service", the organisation alone, or "Whole partnership", by assessment id.
    private static func whoseNames(_ list: [StandardAssessment], _ db: any Database) async throws -> [UUID: String] {
        let orgs = try await OrganisationsReads.names(Array(Set(list.compactMap { $0.$organisation.id })), db)
        var out: [UUID: String] = [:]
        for a in list {
            let base = a.$organisation.id.map { orgs[$0] ?? "" } ?? "Whole partnership"
            out[a.id!] = a.service.map { "\(base): \($0)" } ?? base
        }
        return out
    }
}
