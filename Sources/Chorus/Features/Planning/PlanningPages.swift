import Vapor
import Fluent
import ChorusCore

/// The page models of engagement plans: plain values a view renders with a `PageContext`, built here from
/// `PlanningService` (views never see a request, the database or a Fluent model).
enum PlanningPages {
    struct Comment: Sendable {
        let section: String?
        let personName: String
        let body: String
        let createdAt: Date?
    }

    /// An activity's plan as every plan page shows it: `PlanningService.Report` without its Fluent models.
    struct Plan: Sendable {
        let activityID: UUID
        let activityTitle: String
        let starts: Day
        let ends: Day?
        let levelReason: String?
        let isConsultation: Bool
        let answers: AdvisorAnswers
        let recommendation: LadderRecommendation
        /// The level the plan works to (the plan's choice, else the activity's).
        let chosen: LadderLevel?
        /// The level chosen in the plan itself (nil: it follows the activity).
        let planChoice: LadderLevel?
        let facts: ActivityPlanFacts
        let content: EngagementPlanContent
        /// Mirrored fields whose text is the activity's.
        let fromActivity: Set<PlanField>
        let gaps: [SectionGap]
        let period: ConsultationPeriodAssessment?
        let gunning: GunningChecklist
        let equality: ScreeningResult
        let dpia: ScreeningResult
        let warnings: [PlanWarning]
        let signOff: PlanSignOff
        let names: [UUID: String]
        let comments: [Comment]
        let suggestions: [ChannelSuggestion]
        let canEdit: Bool

        init(_ r: PlanningService.Report) {
            activityID = r.activity.id!
            activityTitle = r.activity.title
            starts = Day(ordinal: r.activity.startDay)
            ends = r.activity.endDay.map(Day.init(ordinal:))
            levelReason = r.plan.levelReason
            isConsultation = r.plan.isConsultation
            answers = r.answers
            recommendation = r.recommendation
            chosen = r.chosen
            planChoice = r.planChoice
            facts = r.facts
            content = r.content
            fromActivity = r.fromActivity
            gaps = r.gaps
            period = r.period
            gunning = r.gunning
            equality = r.equality
            dpia = r.dpia
            warnings = r.warnings
            signOff = r.signOff
            names = r.names
            comments = r.comments.map { Comment(section: $0.section, personName: $0.personName, body: $0.body, createdAt: $0.createdAt) }
            suggestions = r.suggestions
            canEdit = r.canEdit
        }

        /// Open warnings a reviewer must acknowledge before approving.
        var blocking: [PlanWarning] { PlanSignOffRule.blocking(warnings) }

        /// The officer's own notes on the checks (free text the reviewers should read before signing off).
        var officerNotes: [(String, String)] {
            var out: [(String, String)] = []
            if let r = levelReason { out.append(("Why this level", r)) }
            if isConsultation, let r = period?.shortPeriodReason { out.append(("Why the consultation period is long enough", r)) }
            if isConsultation {
                for c in gunning.checks {
                    if let n = c.note?.trimmingCharacters(in: .whitespacesAndNewlines), !n.isEmpty {
                        out.append(("Gunning: " + c.principle.title, n))
                    }
                }
            }
            return out
        }
    }

    /// The plan page: the plan, and what the reader may do with it.
    struct PlanPage: Sendable {
        let plan: Plan
        let userID: UUID
        /// Everyone who may be asked to review (`PlanReviewers`), the reader excluded.
        let reviewers: [PlanReviewerChoice]
        /// A draft activity: only its organisation's staff and partnership admins can see it, so only they review.
        let activityIsDraft: Bool
        let notice: String?
        var errors: [FieldError] = []
        /// The acknowledgement reason and comment as sent, to show again with an error.
        var acknowledgementReason: String? = nil
        var comment: String? = nil
    }

    /// The print view (the page without navigation or forms), dated `today`.
    struct Print: Sendable {
        let plan: Plan
        let today: Day
    }

    /// One advisor question.
    struct Question: Sendable {
        let activityID: UUID
        let activityTitle: String
        let question: AdvisorQuestion
        let selected: [String]
        var errors: [FieldError] = []
    }

    /// The advisor's summary and the choice of level.
    struct Summary: Sendable {
        let plan: Plan
        /// Groups and connectors who already reach these people, and the venue (from the directory).
        var directory: DirectoryReads.ActivityPanel? = nil
        /// Lessons from the evaluated activities most like this one (from the standards area).
        var lessons: [EvaluationService.Lesson]? = nil
        /// Published method guides for the suggested methods (from the good-practice library).
        var guides: [EngagementMethod: [(id: UUID, title: String)]] = [:]
        var errors: [FieldError] = []
        /// The level and reason as sent, to show again with an error.
        var chosen: String? = nil
        var reason: String? = nil
    }

    /// Editing the plan: what is stored, or what was sent (`input`) with its errors.
    struct Editor: Sendable {
        let activityID: UUID
        let activityTitle: String
        let starts: Day
        let ends: Day?
        let status: PlanStatus
        let facts: ActivityPlanFacts
        /// The level chosen in the plan itself (nil: it follows the activity).
        let planChoice: LadderLevel?
        let gaps: [SectionGap]
        let content: EngagementPlanContent
        let isConsultation: Bool
        let shortPeriodReason: String?
        let gunning: GunningChecklist
        let vcseChangeDay: Day?
        let eiaRecordedDay: Day?
        let dpiaPersonalData: Bool?
        let dpiaCriteria: Set<DPIACriterion>
        var input: Input? = nil
        var errors: [FieldError] = []

        init(_ activity: Activity, _ plan: EngagementPlan, facts: ActivityPlanFacts, input: Input? = nil, errors: [FieldError] = []) {
            activityID = activity.id!
            activityTitle = activity.title
            starts = facts.starts
            ends = facts.ends
            status = plan.signOff.status
            self.facts = facts
            planChoice = plan.chosenLevel.flatMap(LadderLevel.init(rawValue:))
            gaps = PlanCompleteness.gaps(in: PlanActivityLink.effective(plan.content, facts).content)
            content = plan.content
            isConsultation = plan.isConsultation
            shortPeriodReason = plan.shortPeriodReason
            gunning = plan.gunning
            vcseChangeDay = plan.vcseChangeDay.map(Day.init(ordinal:))
            eiaRecordedDay = plan.eiaRecordedDay.map(Day.init(ordinal:))
            dpiaPersonalData = plan.dpiaPersonalData
            dpiaCriteria = plan.dpiaCriteriaSet
            self.input = input
            self.errors = errors
        }
    }

    // MARK: Building

    static func plan(_ activity: Activity, _ plan: EngagementPlan, user: CurrentUser, elections: [ElectionPeriod], _ db: any Database) async throws
        -> Plan
    {
        Plan(try await PlanningService.report(activity, plan, user: user, elections: elections, db))
    }

    static func page(
        _ activity: Activity, _ plan: EngagementPlan, user: CurrentUser, elections: [ElectionPeriod], notice: String?,
        errors: [FieldError] = [], acknowledgementReason: String? = nil, comment: String? = nil, _ db: any Database
    ) async throws -> PlanPage {
        PlanPage(
            plan: try await self.plan(activity, plan, user: user, elections: elections, db), userID: user.id,
            reviewers: try await PlanningService.reviewerChoices(for: user, activity: activity, db),
            activityIsDraft: PlanningService.draftOf(activity) != nil, notice: notice, errors: errors,
            acknowledgementReason: acknowledgementReason, comment: comment)
    }

    static func editor(_ activity: Activity, _ plan: EngagementPlan, input: Input? = nil, errors: [FieldError] = [], _ db: any Database) async throws
        -> Editor
    {
        Editor(activity, plan, facts: try await PlanningService.facts(activity, db), input: input, errors: errors)
    }
}
