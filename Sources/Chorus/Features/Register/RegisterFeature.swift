import Vapor
import Fluent

/// The engagement register: activities, coordination (overlaps, fatigue), the public what's-on pages and feeds.
enum RegisterFeature: ChorusFeature {
    static let name = "register"
    static func routes(_ r: FeatureRoutes) {
        RegisterController.routes(r)
        RegisterAPI.register(r.api, docs: r.docs)
        PublicController.routes(r)
    }
    static var migrations: [any Migration] { [CreateActivities(), AddRegisterCoveringIndexes()] }
    static var navigation: [NavigationEntry] { [NavigationEntry(label: "nav.register", href: SiteURL.Register.list)] }
    static var auditEntities: [String] { [RegisterService.entity] }
    static var usages: [ReferenceUsage] {
        [
            ReferenceUsage(kind: .place, records: "activities in the register") { id, db in
                try await ActivityPlace.query(on: db).filter(\.$place.$id == id).count()
            },
            ReferenceUsage(kind: .theme, records: "activities in the register") { id, db in
                try await ActivityTheme.query(on: db).filter(\.$theme.$id == id).count()
            },
            ReferenceUsage(kind: .audience, records: "activities in the register") { id, db in
                try await ActivityAudience.query(on: db).filter(\.$audience.$id == id).count()
            },
            ReferenceUsage(kind: .organisation, records: "activities in the register") { id, db in
                try await Activity.query(on: db).filter(\.$organisation.$id == id).count()
                    + ActivityPartner.query(on: db).filter(\.$organisation.$id == id).count()
            },
        ]
    }
}
