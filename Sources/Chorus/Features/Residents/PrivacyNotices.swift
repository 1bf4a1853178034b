import Fluent
import Foundation
import ChorusCore

/// Privacy notices per activity: drafted from the activity's plan (its DPIA screening) and the retention schedule,
/// for every page where residents give data for that activity (`PrivacyNoticeView`).
enum PrivacyNotices {
    static func forActivity(_ id: UUID, organisation: String, _ db: any Database) async throws -> PrivacyNotice? {
        guard let screening = try await PlanningService.privacyScreening(forActivity: id, db) else { return nil }
        return PrivacyNotice.draft(screening, organisation: organisation, schedule: try await RetentionService.schedule(db), activity: id)
    }
}
