import Foundation
import ChorusCore

extension LadderLevel: APIEnum {}
extension PlanStatus: APIEnum {}
extension PlanSection: APIEnum {}
extension PlanField: APIEnum {}
extension ApprovalRule: APIEnum {
    public static var allCases: [ApprovalRule] { [.all, .any] }
}
extension ScreeningOutcome: APIEnum {}
extension GunningPrinciple: APIEnum {}
extension GunningStatus: APIEnum {}
extension PlanWarning.Severity: APIEnum {}
extension AdvisorQuestionID: APIEnum {}

/// What the JSON API says about an activity's engagement plan (`PlanningAPI`): the page's content as data. Property
/// names are the JSON names; the OpenAPI schemas are derived from these declarations (`APIObject`).
enum PlanningDTO {
    struct Person: APIObject {
        let id: UUID
        /// nil when the person no longer exists.
        let name: String?
        static let schemaName = "PersonRef"
    }

    struct Reason: APIObject {
        let rule: String
        let reason: String
        /// Outweighed by other rules (the advisor shows it, marked).
        let overridden: Bool
        static let schemaName = "LadderReason"
    }

    struct Ladder: APIObject {
        /// What the advisor recommends from the answers so far.
        let recommended: LadderLevel
        /// The level chosen in the plan itself, if any (nil: the plan follows the activity's level).
        let chosen: LadderLevel?
        /// The level set on the activity (what residents see).
        let activity_level: LadderLevel?
        /// The level the plan works to: the plan's choice, else the activity's, else the recommendation.
        let level: LadderLevel
        /// The activity's level, the plan's choice and the recommendation in one sentence.
        let summary: String
        /// Why the officer chose a level other than the recommended one.
        let level_reason: String?
        /// The IAP2 promise to the public of `level`.
        let promise: String
        let co_production: Bool
        /// Advisor questions still unanswered (the recommendation is provisional until there are none).
        let unanswered: [AdvisorQuestionID]
        let reasons: [Reason]
        static let schemaName = "LadderAdvice"
    }

    struct Field: APIObject {
        let field: PlanField
        let label: String
        let value: String?
        /// Required and blank: the plan cannot be sent for challenge until it is filled in.
        let missing: Bool
        /// The plan left this field blank and reads the activity's text (purpose, methods, audiences).
        let from_activity: Bool
        static let schemaName = "PlanFieldValue"
    }

    struct Section: APIObject {
        let section: PlanSection
        let label: String
        let complete: Bool
        let fields: [Field]
        static let schemaName = "PlanSectionContent"
    }

    struct Warning: APIObject {
        let code: String
        let severity: PlanWarning.Severity
        let message: String
        /// What to do about it.
        let action: String
        let field: String?
        static let schemaName = "PlanWarning"
    }

    struct Screening: APIObject {
        let outcome: ScreeningOutcome
        let reasons: [String]
        static let schemaName = "PlanScreening"
    }

    struct Period: APIObject {
        let opens: APIDay
        let closes: APIDay?
        let days: Int?
        /// Under 12 weeks: a reason is needed.
        let reason_required: Bool
        let short_period_reason: String?
        static let schemaName = "ConsultationPeriod"
    }

    struct Gunning: APIObject {
        let principle: GunningPrinciple
        let status: GunningStatus
        let evidence_link: String?
        let note: String?
        static let schemaName = "GunningCheck"
    }

    struct Checks: APIObject {
        let equality_impact: Screening
        let data_protection_impact: Screening
        let is_consultation: Bool
        /// The consultation period, for a consultation.
        let consultation_period: Period?
        /// The Gunning principles, for a consultation (empty otherwise).
        let gunning: [Gunning]
        let gunning_passing: Bool
        static let schemaName = "PlanChecks"
    }

    struct Acknowledged: APIObject {
        let code: String
        let message: String
        static let schemaName = "PlanAcknowledgedWarning"
    }

    struct Approval: APIObject {
        let reviewer: Person
        let at: Date
        /// The open warnings the reviewer acknowledged when approving (empty when none was open).
        let acknowledged_warnings: [Acknowledged]
        /// Why the reviewer approved with those warnings open.
        let acknowledgement_reason: String?
        static let schemaName = "PlanApproval"
    }

    struct SignOff: APIObject {
        let status: PlanStatus
        /// `all`: every invited reviewer approves; `any`: one does.
        let rule: ApprovalRule
        let reviewers: [Person]
        let awaiting: [Person]
        let approvals: [Approval]
        let sent_by: Person?
        let sent_at: Date?
        let changes_requested_by: Person?
        let changes_requested_at: Date?
        let signed_off_at: Date?
        /// When an edit reopened a signed-off plan, the sign-off it had.
        let previous_sign_off_at: Date?
        static let schemaName = "PlanSignOff"
    }

    struct Comment: APIObject {
        let section: PlanSection?
        let person_name: String
        let body: String
        let created_at: Date?
        static let schemaName = "PlanComment"
    }

    struct Plan: APIObject {
        let activity_id: UUID
        let activity_title: String
        /// False until someone saves something in it (a blank plan is shown until then).
        let saved: Bool
        let status: PlanStatus
        let ladder: Ladder
        let sections: [Section]
        let warnings: [Warning]
        /// Codes of the open warnings a reviewer must acknowledge before approving (severity warning or critical).
        let blocking_warnings: [String]
        let checks: Checks
        let sign_off: SignOff
        let comments: [Comment]
        /// Whether the caller may change it (the lead organisation's officers and partnership admins).
        let can_edit: Bool
        let updated_at: Date?
        static let schemaName = "EngagementPlan"
    }
}
