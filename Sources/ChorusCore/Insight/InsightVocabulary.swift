import Foundation

/// What kind of thing residents said or showed.
public enum InsightKind: String, CaseIterable, Codable, Sendable {
    case quote, surveyAnswer = "survey_answer", conversationNote = "conversation_note", groupSummary = "group_summary"
    case observation, complaint, other
}

/// Who may see an insight. Partners see each other's register, but an insight carries its own sharing level.
public enum SharingLevel: String, CaseIterable, Codable, Sendable {
    /// May appear on public pages (always redacted).
    case `public`
    /// Every partner organisation's staff (redacted).
    case partnership
    /// Only the recording organisation's staff.
    case organisation
}
