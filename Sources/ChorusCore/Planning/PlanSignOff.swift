import Foundation

/// Where a plan is in peer challenge and sign-off.
public enum PlanStatus: String, CaseIterable, Codable, Sendable {
    case draft
    case inChallenge = "in_challenge"
    case changesRequested = "changes_requested"
    case signedOff = "signed_off"

    public var label: String {
        switch self {
        case .draft: return "Draft"
        case .inChallenge: return "In challenge"
        case .changesRequested: return "Changes requested"
        case .signedOff: return "Signed off"
        }
    }
}

/// One reviewer's approval, with what they acknowledged when warnings were open.
public struct PlanApproval: Sendable, Equatable, Codable {
    public let reviewer: UUID
    public let at: Date
    /// The open warnings the reviewer read and approved anyway, and why; nil when none was open (and in approvals
    /// recorded before acknowledgements existed).
    public let acknowledgement: PlanAcknowledgement?

    public init(reviewer: UUID, at: Date, acknowledgement: PlanAcknowledgement? = nil) {
        self.reviewer = reviewer
        self.at = at
        self.acknowledgement = acknowledgement
    }
}

/// A reviewer's explicit "I have read these warnings and approve anyway": the warnings as they read them (code and
/// sentence, so the record stands even if the rules' wording changes later) and their reason.
public struct PlanAcknowledgement: Sendable, Equatable, Codable {
    public struct Item: Sendable, Equatable, Codable {
        public let code: String
        public let message: String
        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }
    public let warnings: [Item]
    public let reason: String

    public init(warnings: [Item], reason: String) {
        self.warnings = warnings
        self.reason = reason
    }
}

/// Which warnings stop a reviewer signing off with one click, and what an acknowledgement must say.
///
/// Every open warning of severity `warning` or `critical` (equality impact assessment not recorded, a DPIA needed,
/// a Gunning principle at risk, a short consultation…) must be acknowledged: one box, "I have read these N warnings
/// and approve anyway", and a reason the committee clerk can read later. Notes (`info`) never block. The reviewer's
/// page sends the codes of the warnings it showed; if the open warnings changed since (the plan was edited, a date
/// passed), the approval is refused so nobody acknowledges warnings they did not see.
public enum PlanSignOffRule {
    public static let acknowledgeField = "acknowledge_warnings"
    public static let reasonField = "acknowledgement_reason"
    public static let shownField = "acknowledged_codes"
    public static let maxReasonLength = 2000

    /// The warnings that must be acknowledged before approving, most serious first.
    public static func blocking(_ warnings: [PlanWarning]) -> [PlanWarning] {
        warnings.filter { $0.severity >= .warning }.bySeverity()
    }

    public enum Outcome: Sendable, Equatable {
        /// Nothing open: approve as it is.
        case clear
        /// Open warnings, acknowledged with a reason.
        case acknowledged(PlanAcknowledgement)
        /// Refused: each error names its field.
        case refused([FieldError])
    }

    /// Checks a reviewer's approval against the warnings open now. `shownCodes` are the codes the reviewer's page
    /// listed (nil when the form sent none).
    public static func check(open warnings: [PlanWarning], acknowledged: Bool, reason rawReason: String?, shownCodes: [String]?) -> Outcome {
        let open = blocking(warnings)
        guard !open.isEmpty else { return .clear }
        let n = open.count
        let reason = (rawReason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [FieldError] = []
        if (shownCodes ?? []).sorted() != open.map(\.code).sorted() {
            errors.append(
                FieldError(
                    acknowledgeField,
                    "The open warnings have changed since you opened this page. Read the \(n == 1 ? "warning" : "\(n) warnings") below again before you approve"
                ))
        } else if !acknowledged {
            errors.append(
                FieldError(
                    acknowledgeField,
                    "Acknowledge the open warnings: tick \u{201C}I have read \(n == 1 ? "this warning" : "these \(n) warnings") and approve anyway\u{201D}, or ask for changes instead"
                ))
        }
        if reason.isEmpty {
            errors.append(
                FieldError(
                    reasonField,
                    "Enter why the plan can be signed off with \(n == 1 ? "this warning" : "these warnings") open: the reason is kept with your acknowledgement"
                ))
        } else if Validation.hasControlCharacters(reason) {
            errors.append(FieldError(reasonField, "The reason must not contain control characters"))
        } else if reason.count > maxReasonLength {
            errors.append(FieldError(reasonField, "The reason must be \(maxReasonLength) characters or fewer"))
        }
        guard errors.isEmpty else { return .refused(errors) }
        return .acknowledged(PlanAcknowledgement(warnings: open.map { .init(code: $0.code, message: $0.message) }, reason: reason))
    }

    /// The acknowledgement box's label.
    public static func label(count n: Int) -> String {
        n == 1 ? "I have read this warning and approve anyway" : "I have read these \(n) warnings and approve anyway"
    }
}

/// How many invited reviewers must approve.
public enum ApprovalRule: String, Codable, Sendable {
    /// Every invited reviewer (the default).
    case all
    /// Any one invited reviewer.
    case any
}

/// A plan's sign-off record. Change it only through `PlanWorkflow.apply`.
public struct PlanSignOff: Sendable, Equatable, Codable {
    public internal(set) var status: PlanStatus = .draft
    public let rule: ApprovalRule
    /// The reviewers invited in the current (or last) round, in the order invited.
    public internal(set) var reviewers: [UUID] = []
    public internal(set) var sentBy: UUID?
    public internal(set) var sentAt: Date?
    /// Approvals in the current round, in order.
    public internal(set) var approvals: [PlanApproval] = []
    public internal(set) var changesRequestedBy: UUID?
    public internal(set) var changesRequestedAt: Date?
    /// When the plan was signed off (the approval that completed it); nil unless signed off.
    public internal(set) var signedOffAt: Date?
    /// When an edit last reopened a signed-off plan, and when that sign-off had been given.
    public internal(set) var reopenedAt: Date?
    public internal(set) var previousSignOffAt: Date?

    public init(rule: ApprovalRule = .all) { self.rule = rule }

    /// Who signed off (every approval of the round that completed sign-off); empty unless signed off.
    public var signedOffBy: [UUID] { status == .signedOff ? approvals.map(\.reviewer) : [] }

    /// Invited reviewers who have not approved yet.
    public var awaiting: [UUID] {
        let done = Set(approvals.map(\.reviewer))
        return reviewers.filter { !done.contains($0) }
    }

    public func isInvited(_ person: UUID) -> Bool { reviewers.contains(person) }
    public func hasApproved(_ person: UUID) -> Bool { approvals.contains { $0.reviewer == person } }

    var isComplete: Bool {
        switch rule {
        case .any: return !approvals.isEmpty
        case .all: return !reviewers.isEmpty && awaiting.isEmpty
        }
    }
}

/// Something a person does to a plan's sign-off.
public enum PlanEvent: Sendable, Equatable {
    /// Send for peer challenge to these colleagues. `missingSections` is `PlanCompleteness.missingSections(in:)`.
    case sendForChallenge(reviewers: [UUID], missingSections: [PlanSection])
    case approve
    case requestChanges
    /// Any change to the plan's content.
    case edit
    /// Take the plan back out of challenge.
    case withdraw

    var name: String {
        switch self {
        case .sendForChallenge: return "send for challenge"
        case .approve: return "approve"
        case .requestChanges: return "request changes"
        case .edit: return "edit"
        case .withdraw: return "withdraw"
        }
    }
}

/// The result of an event.
public struct PlanTransition: Sendable, Equatable {
    public let state: PlanSignOff
    /// False when the event changed nothing (approving twice, editing a draft).
    public let changed: Bool
    /// True when an edit reopened a signed-off plan: the UI must say so.
    public let reopened: Bool
    /// A sentence for the officer ("Plan signed off", "Your edit reopened the signed-off plan …").
    public let notice: String
}

/// Why an event was refused.
public enum PlanWorkflowError: Error, Equatable, Sendable {
    case notInvited
    case invalidTransition(from: PlanStatus, event: String)
    case incomplete([PlanSection])
    case noReviewers
    case selfReview

    /// A sentence for the officer.
    public var message: String {
        switch self {
        case .notInvited: return "Only the reviewers invited to challenge this plan can approve it or ask for changes."
        case .invalidTransition(let from, let event):
            switch (from, event) {
            case (.signedOff, "request changes"): return "This plan is already signed off. Edit it to reopen it."
            case (.signedOff, "withdraw"): return "This plan is signed off. Edit it to reopen it."
            case (.inChallenge, "send for challenge"): return "This plan is already in challenge. Withdraw it first to change the reviewers."
            case (.signedOff, "send for challenge"): return "This plan is already signed off."
            default: return "You cannot \(event) a plan that is \(from.label.lowercased())."
            }
        case .incomplete(let sections):
            return "Complete these sections before sending the plan for challenge: \(PlanText.list(sections.map(\.label)))."
        case .noReviewers: return "Choose at least one colleague to challenge the plan."
        case .selfReview: return "You cannot challenge your own plan: choose colleagues."
        }
    }

    /// The form field the error belongs to, when there is one.
    public var field: String? {
        switch self {
        case .noReviewers, .selfReview: return "reviewers"
        default: return nil
        }
    }

    /// The HTTP status a handler should answer with: 403 for a person who may not act, 422 for an incomplete
    /// plan or bad reviewers, 409 for an event that does not fit the plan's state.
    public var httpStatus: Int {
        switch self {
        case .notInvited: return 403
        case .incomplete, .noReviewers, .selfReview: return 422
        case .invalidTransition: return 409
        }
    }
}

/// The sign-off state machine: draft → in challenge → changes requested / signed off. Pure: the caller passes
/// who acts and when, and stores the returned state. Who may send, edit or withdraw (the plan's officers) is
/// for the caller to check; who may approve or request changes (invited reviewers only) is checked here.
public enum PlanWorkflow {
    /// `acknowledgement` is kept with an approval (`PlanSignOffRule.check` decides whether one is needed).
    public static func apply(
        _ event: PlanEvent, by actor: UUID, at time: Date, to current: PlanSignOff, acknowledgement: PlanAcknowledgement? = nil
    ) throws(PlanWorkflowError) -> PlanTransition {
        var s = current
        switch event {
        case .sendForChallenge(let rawReviewers, let missing):
            guard s.status == .draft || s.status == .changesRequested else {
                throw .invalidTransition(from: s.status, event: event.name)
            }
            var seen: Set<UUID> = []
            let reviewers = rawReviewers.filter { seen.insert($0).inserted }
            guard missing.isEmpty else { throw .incomplete(missing) }
            guard !reviewers.isEmpty else { throw .noReviewers }
            guard !reviewers.contains(actor) else { throw .selfReview }
            s.status = .inChallenge
            s.reviewers = reviewers
            s.sentBy = actor
            s.sentAt = time
            s.approvals = []
            s.changesRequestedBy = nil
            s.changesRequestedAt = nil
            s.signedOffAt = nil
            let n = reviewers.count
            return PlanTransition(
                state: s, changed: true, reopened: false,
                notice: "Plan sent for challenge to \(n == 1 ? "1 colleague" : "\(n) colleagues").")

        case .approve:
            guard s.status == .inChallenge || s.status == .signedOff else {
                throw .invalidTransition(from: s.status, event: event.name)
            }
            guard s.isInvited(actor) else { throw .notInvited }
            if s.hasApproved(actor) {
                return PlanTransition(state: s, changed: false, reopened: false, notice: "You have already approved this plan.")
            }
            s.approvals.append(PlanApproval(reviewer: actor, at: time, acknowledgement: acknowledgement))
            if s.status == .inChallenge && s.isComplete {
                s.status = .signedOff
                s.signedOffAt = time
                return PlanTransition(state: s, changed: true, reopened: false, notice: "Plan signed off.")
            }
            let waiting = s.awaiting.count
            return PlanTransition(
                state: s, changed: true, reopened: false,
                notice: s.status == .signedOff
                    ? "Your approval is recorded."
                    : "Your approval is recorded. Waiting for \(waiting == 1 ? "1 more reviewer" : "\(waiting) more reviewers").")

        case .requestChanges:
            guard s.status == .inChallenge else { throw .invalidTransition(from: s.status, event: event.name) }
            guard s.isInvited(actor) else { throw .notInvited }
            s.status = .changesRequested
            s.approvals = []
            s.changesRequestedBy = actor
            s.changesRequestedAt = time
            return PlanTransition(state: s, changed: true, reopened: false, notice: "Changes requested. The plan's officers have been told.")

        case .edit:
            switch s.status {
            case .draft, .changesRequested:
                return PlanTransition(state: s, changed: false, reopened: false, notice: "Plan saved.")
            case .inChallenge:
                let had = !s.approvals.isEmpty
                s.approvals = []
                return PlanTransition(
                    state: s, changed: had, reopened: false,
                    notice: had
                        ? "Plan saved. Reviewers who had approved will need to approve the changed plan."
                        : "Plan saved. Reviewers will see the changed plan.")
            case .signedOff:
                s.previousSignOffAt = s.signedOffAt
                s.reopenedAt = time
                s.status = .draft
                s.approvals = []
                s.signedOffAt = nil
                return PlanTransition(
                    state: s, changed: true, reopened: true,
                    notice: "Your edit reopened the signed-off plan. Send it for challenge again to have it signed off.")
            }

        case .withdraw:
            guard s.status == .inChallenge else { throw .invalidTransition(from: s.status, event: event.name) }
            s.status = .draft
            s.approvals = []
            return PlanTransition(state: s, changed: true, reopened: false, notice: "Plan withdrawn from challenge.")
        }
    }
}
