import Fluent
import Vapor

/// One change: who, when, what (entity + id), and the record's fields before and after (JSON objects).
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"
    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "action") var action: String
    @Field(key: "entity") var entity: String
    @OptionalField(key: "entity_id") var entityID: UUID?
    @Field(key: "label") var label: String
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?
    init() {}
}
