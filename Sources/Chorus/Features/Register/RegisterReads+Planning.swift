import Foundation
import Fluent
import ChorusCore

/// What engagement plans read of their activity (the plan mirrors these facts rather than asking for them again).
extension RegisterService {
    /// The activity's purpose, methods (as English names), audiences, level and dates; nil when it does not exist.
    static func planFacts(_ id: UUID, _ db: any Database) async throws -> ActivityPlanFacts? {
        guard let a = try await Activity.find(id, on: db) else { return nil }
        let audienceIDs = try await ActivityAudience.query(on: db).filter(\.$activity.$id == id).all().map { $0.$audience.id }
        let audiences = audienceIDs.isEmpty ? [] : try await Audience.query(on: db).filter(\.$id ~~ audienceIDs).sort(\.$name).all()
        return ActivityPlanFacts(
            purpose: a.purpose, methods: a.methodList.map { Catalogue.english["method.\($0)"] ?? $0 }, audiences: audiences.map(\.name),
            level: LadderLevel(rawValue: a.ladderLevel), starts: Day(ordinal: a.startDay), ends: a.endDay.map(Day.init(ordinal:)))
    }

    /// The activity's audiences as the method advisor profiles them.
    static func audienceProfiles(ofActivity id: UUID, _ db: any Database) async throws -> [AudienceProfile] {
        let audienceIDs = try await ActivityAudience.query(on: db).filter(\.$activity.$id == id).all().map { $0.$audience.id }
        let audiences = audienceIDs.isEmpty ? [] : try await Audience.query(on: db).filter(\.$id ~~ audienceIDs).all()
        return audiences.map { AudienceProfile.inferred(name: $0.name, kind: AudienceKind(rawValue: $0.kind) ?? .interest) }
    }
}
