import Vapor
import Fluent
import ChorusCore

/// Gathers, through each feature's own reads, the facts `StandardsEvidence` counts for an assessment: the assessed
/// organisation's activities (every activity for the partnership's own), their plans, partners, reports and decisions,
/// and the actions its people own.
enum StandardsEvidenceService {
    static func figures(for a: StandardAssessment, today: Day, _ db: any Database) async throws -> [StandardsEvidence.Figure] {
        let org = a.$organisation.id
        let activities = try await RegisterService.evidenceFacts(organisation: org, db)
        let ids = activities.map(\.id)
        let plans = try await PlanningService.signOffAndEquality(ofActivities: ids, db)
        let groups = try await DirectoryActivities.partnerCounts(ids, db)
        let reports = try await LoopClosureService.publishedDays(db)
        let decided = try await DecisionsReads.activitiesWithDecisions(ids, db)
        let facts = activities.map { x in
            StandardsEvidence.ActivityFacts(
                id: x.id, ladder: x.ladder, start: x.start, closedOn: x.closedOn, methods: x.methods, partners: x.partners + (groups[x.id] ?? 0),
                planSignedOffOn: plans[x.id]?.signedOff ?? nil, equalityAssessedOn: plans[x.id]?.equality ?? nil,
                reportPublishedOn: reports[x.id], hasDecision: decided.contains(x.id))
        }
        var actions = try await DecisionsReads.actionFacts(db)
        if let org, let name = try await OrganisationsReads.names([org], db)[org] { actions = actions.filter { $0.organisation == name } }
        return StandardsEvidence.figures(
            activities: facts,
            actions: actions.map { .init(organisation: $0.organisation, wards: [], status: $0.status, due: $0.due, doneOn: $0.done) },
            from: Day(ordinal: a.periodFromDay), to: Day(ordinal: a.periodToDay), today: today)
    }
}
