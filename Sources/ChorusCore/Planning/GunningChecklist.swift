import Foundation

/// The four Gunning principles of lawful consultation (R v Brent LBC ex parte Gunning, 1985; endorsed by the
/// Supreme Court in R (Moseley) v Haringey LBC, 2014).
public enum GunningPrinciple: String, CaseIterable, Codable, Sendable {
    case formativeStage = "formative_stage"
    case sufficientReasons = "sufficient_reasons"
    case adequateTime = "adequate_time"
    case conscientiousConsideration = "conscientious_consideration"

    public var title: String {
        switch self {
        case .formativeStage: return "Formative stage"
        case .sufficientReasons: return "Sufficient reasons"
        case .adequateTime: return "Adequate time"
        case .conscientiousConsideration: return "Conscientious consideration"
        }
    }

    /// What the principle asks, in plain English.
    public var explanation: String {
        switch self {
        case .formativeStage:
            return "Consult while the proposals are still at a formative stage: the decision-maker must not have made up their mind."
        case .sufficientReasons:
            return
                "Give enough information and reasons for people to understand the proposal and respond intelligently, including the realistic alternatives and why any were rejected (Moseley)."
        case .adequateTime:
            return "Allow enough time for people to consider the proposal and respond, taking account of who is being asked and holidays."
        case .conscientiousConsideration:
            return "Take the responses conscientiously into account: the decision-maker must see a fair summary of them before deciding."
        }
    }

    /// The evidence an officer would link to.
    public var evidenceHint: String {
        switch self {
        case .formativeStage: return "For example, the report that sets out the options, or the decision-maker's note that no option is settled."
        case .sufficientReasons: return "For example, the consultation document and its summary of options and costs."
        case .adequateTime: return "For example, the consultation dates and the reason for a period shorter than 12 weeks."
        case .conscientiousConsideration: return "For example, the consultation report in the decision-maker's papers."
        }
    }
}

/// Where one principle stands.
public enum GunningStatus: String, CaseIterable, Codable, Sendable {
    case notChecked = "not_checked"
    case met
    case atRisk = "at_risk"
    case notMet = "not_met"

    public var label: String {
        switch self {
        case .notChecked: return "Not checked yet"
        case .met: return "Met"
        case .atRisk: return "At risk"
        case .notMet: return "Not met"
        }
    }
}

/// One principle's status, evidence link and note.
public struct GunningCheck: Sendable, Equatable, Codable {
    public let principle: GunningPrinciple
    public var status: GunningStatus
    /// A link to the evidence: an http(s) URL or a path within Chorus starting with "/".
    public var evidenceLink: String?
    public var note: String?

    public init(principle: GunningPrinciple, status: GunningStatus = .notChecked, evidenceLink: String? = nil, note: String? = nil) {
        self.principle = principle
        self.status = status
        self.evidenceLink = evidenceLink
        self.note = note
    }
}

/// The four Gunning principles as a checklist, one entry per principle in the principles' order.
public struct GunningChecklist: Sendable, Equatable, Codable {
    public private(set) var checks: [GunningCheck]

    /// A new checklist with every principle "not checked".
    public init() { checks = GunningPrinciple.allCases.map { GunningCheck(principle: $0) } }

    /// A checklist from stored checks; missing principles are "not checked", duplicates keep the last.
    public init(checks stored: [GunningCheck]) {
        var byPrinciple: [GunningPrinciple: GunningCheck] = [:]
        for c in stored { byPrinciple[c.principle] = c }
        checks = GunningPrinciple.allCases.map { byPrinciple[$0] ?? GunningCheck(principle: $0) }
    }

    public subscript(principle: GunningPrinciple) -> GunningCheck {
        checks.first { $0.principle == principle }!
    }

    /// Form field names for one principle: `gunning_<principle>_status`, `_evidence`, `_note`.
    public static func field(_ principle: GunningPrinciple, _ part: String) -> String { "gunning_\(principle.rawValue)_\(part)" }

    /// Updates one principle from form values. Throws a `FieldError` naming the field for an unknown status,
    /// an evidence link that is not an http(s) URL or a path starting with "/", or text that is too long.
    public mutating func update(_ principle: GunningPrinciple, status rawStatus: String, evidenceLink rawLink: String?, note rawNote: String?)
        throws(FieldError)
    {
        guard let status = GunningStatus(rawValue: rawStatus.trimmingCharacters(in: .whitespaces)) else {
            throw FieldError(Self.field(principle, "status"), "Select a status for \(principle.title.lowercased())")
        }
        let link = (rawLink ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if !link.isEmpty && !Self.isEvidenceLink(link) {
            throw FieldError(
                Self.field(principle, "evidence"),
                "Enter the evidence link as a web address starting with https:// or a Chorus page starting with /")
        }
        let note = (rawNote ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if note.count > 2000 { throw FieldError(Self.field(principle, "note"), "The note must be 2000 characters or fewer") }
        if Validation.hasControlCharacters(note) { throw FieldError(Self.field(principle, "note"), "The note must not contain control characters") }
        let i = checks.firstIndex { $0.principle == principle }!
        checks[i] = GunningCheck(principle: principle, status: status, evidenceLink: link.isEmpty ? nil : link, note: note.isEmpty ? nil : note)
    }

    static func isEvidenceLink(_ s: String) -> Bool {
        guard s.count <= 2000, !s.contains(where: { $0.isWhitespace }), !Validation.hasControlCharacters(s) else { return false }
        if s.hasPrefix("/") { return !s.hasPrefix("//") }
        guard let url = URL(string: s), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else { return false }
        return true
    }

    /// True when every principle is met with evidence.
    public var isPassing: Bool { checks.allSatisfy { $0.status == .met && $0.evidenceLink != nil } }

    /// Principles not met or at risk, in order.
    public var failing: [GunningPrinciple] { checks.filter { $0.status == .notMet || $0.status == .atRisk }.map(\.principle) }

    /// Warnings about the checklist itself, and about recorded statuses the rest of the plan contradicts.
    /// - Parameters:
    ///   - answers: the advisor answers, if any (used to check the formative stage).
    ///   - period: the consultation dates' assessment, if any (used to check adequate time).
    public func warnings(answers: AdvisorAnswers? = nil, period: ConsultationPeriodAssessment? = nil) -> [PlanWarning] {
        var out: [PlanWarning] = []
        for c in checks {
            let p = c.principle
            switch c.status {
            case .notMet:
                out.append(
                    PlanWarning(
                        code: "gunning.not_met", severity: .critical,
                        message: "Gunning principle not met: \(p.title.lowercased()). \(p.explanation)",
                        action: "Put this right before the consultation opens (or before the decision), and link the evidence.",
                        field: Self.field(p, "status")))
            case .atRisk:
                out.append(
                    PlanWarning(
                        code: "gunning.at_risk", severity: .warning,
                        message: "Gunning principle at risk: \(p.title.lowercased()). \(p.explanation)",
                        action: "Record what you will do about it in the note, and link the evidence once it is met.",
                        field: Self.field(p, "status")))
            case .met where c.evidenceLink == nil:
                out.append(
                    PlanWarning(
                        code: "gunning.no_evidence", severity: .warning,
                        message: "\(p.title) is marked as met, with no evidence linked.",
                        action: "Link the evidence. \(p.evidenceHint)",
                        field: Self.field(p, "evidence")))
            case .notChecked:
                out.append(
                    PlanWarning(
                        code: "gunning.not_checked", severity: .info,
                        message: "\(p.title) has not been checked yet.",
                        action: "Check it and record the status with evidence. \(p.evidenceHint)",
                        field: Self.field(p, "status")))
            case .met:
                break
            }
        }

        if let a = answers, self[.formativeStage].status == .met,
            a.formativeStage == .no || a.decisionFlexibility == .fixed
        {
            out.append(
                PlanWarning(
                    code: "gunning.formative_contradicted", severity: .critical,
                    message:
                        "The formative stage is marked as met, but the advisor answers say the decision \(a.formativeStage == .no ? "has in effect been made" : "cannot change").",
                    action: "Correct whichever is wrong; consulting on a decision already made would not be lawful.",
                    field: Self.field(.formativeStage, "status")))
        }
        if let period, self[.adequateTime].status == .met, period.reasonRequired, period.shortPeriodReason == nil {
            out.append(
                PlanWarning(
                    code: "gunning.time_contradicted", severity: .warning,
                    message:
                        "Adequate time is marked as met, but the consultation runs for \(PlanText.weeksAndDays(period.days ?? 0)), under 12 weeks, with no reason recorded.",
                    action: "Record why the shorter period is adequate for the people being asked, or extend the closing date.",
                    field: Self.field(.adequateTime, "status")))
        }
        return out.bySeverity()
    }
}
