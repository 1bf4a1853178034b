import Foundation

/// The privacy notice residents read wherever they give data for an activity, drafted from the plan's DPIA
/// screening (does the activity collect personal data, and which of the ICO's high-risk criteria apply) and the
/// retention schedule, so the notice says what the plan says and the job does. Each line is a catalogue key and its
/// arguments: the notice is shown in the reader's language.
public struct PrivacyNotice: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public let key: String
        public let args: [String]
        init(_ key: String, _ args: [String] = []) { self.key = key; self.args = args }
    }

    /// What is collected, one line a kind.
    public let collects: [Line]
    public let purpose: Line
    public let basis: Line
    public let seenBy: Line
    public let kept: [Line]
    public let rights: Line

    /// What the plan says about the activity's data.
    public struct Screening: Sendable, Equatable {
        public var collectsPersonalData: Bool?
        public var criteria: Set<DPIACriterion>
        public var isConsultation: Bool
        public init(collectsPersonalData: Bool?, criteria: Set<DPIACriterion>, isConsultation: Bool) {
            self.collectsPersonalData = collectsPersonalData
            self.criteria = criteria
            self.isConsultation = isConsultation
        }
    }

    /// nil when the plan has not said whether personal data is collected (the page then says nothing rather than
    /// guess); a notice that says so when it is not.
    public static func draft(_ s: Screening, organisation: String, schedule: RetentionSchedule, activity: UUID?) -> PrivacyNotice? {
        guard let collects = s.collectsPersonalData else { return nil }
        func days(_ kind: PersonalDataKind) -> String { String(schedule.days(for: kind, activity: activity)) }
        let purpose = Line(s.isConsultation ? "notice.purpose_consultation" : "notice.purpose", [organisation])
        guard collects else {
            return PrivacyNotice(
                collects: [Line("notice.collects_nothing")], purpose: purpose, basis: Line("notice.basis_public_task"),
                seenBy: Line("notice.seen_by", [organisation]), kept: [], rights: Line("notice.rights"))
        }
        var what = [Line("notice.collects_views"), Line("notice.collects_contact")]
        var kept = [Line("notice.kept_views"), Line("notice.kept_contact", [days(.insightContacts)])]
        if s.criteria.contains(.specialCategoryLargeScale) {
            what.append(Line("notice.collects_equality"))
            kept.append(Line("notice.kept_equality", [days(.equalityAnswers)]))
        }
        if s.criteria.contains(.biometricOrGenetic) { what.append(Line("notice.collects_recordings")) }
        if s.criteria.contains(.systematicMonitoring) { what.append(Line("notice.collects_monitoring")) }
        if s.criteria.contains(.childrenOrVulnerable) { what.append(Line("notice.collects_children")) }
        if s.criteria.contains(.dataMatching) || s.criteria.contains(.invisibleProcessing) { what.append(Line("notice.collects_other_sources")) }
        if s.criteria.contains(.profiling) || s.criteria.contains(.newTechnology) { what.append(Line("notice.collects_analysis")) }
        return PrivacyNotice(
            collects: what, purpose: purpose, basis: Line("notice.basis_public_task_consent"), seenBy: Line("notice.seen_by", [organisation]),
            kept: kept, rights: Line("notice.rights"))
    }
}
