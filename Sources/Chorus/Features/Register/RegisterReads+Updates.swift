import Fluent
import Foundation
import ChorusCore

/// What residents' email updates read of the register: public activities new this week, and where and what
/// activities are about.
extension RegisterService {
    /// Public, non-draft activities created since `since` that have not ended before `today`, oldest first.
    static func newPublicActivities(since: Date, today: Day, limit: Int = 500, _ db: any Database) async throws -> [ActivityFacts] {
        try await Activity.query(on: db).filter(\.$isPublic == true).filter(\.$status != ActivityStatus.draft.rawValue)
            .filter(\.$createdAt >= since)
            .group(.or) { $0.filter(\.$endDay == nil).filter(\.$endDay >= today.ordinal) }
            .sort(\.$createdAt).limit(limit).all().map(ActivityFacts.init)
    }

    /// The wards and themes of each of these activities.
    static func wardAndThemeIDs(ofActivities ids: [UUID], _ db: any Database) async throws -> [UUID: (wards: Set<UUID>, themes: Set<UUID>)] {
        guard !ids.isEmpty else { return [:] }
        var out: [UUID: (wards: Set<UUID>, themes: Set<UUID>)] = [:]
        for chunk in Array(Set(ids)).chunked(1000) {
            for l in try await ActivityPlace.query(on: db).filter(\.$activity.$id ~~ chunk).all() {
                out[l.$activity.id, default: ([], [])].wards.insert(l.$place.id)
            }
            for l in try await ActivityTheme.query(on: db).filter(\.$activity.$id ~~ chunk).all() {
                out[l.$activity.id, default: ([], [])].themes.insert(l.$theme.id)
            }
        }
        return out
    }
}
