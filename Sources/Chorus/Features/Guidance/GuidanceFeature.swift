import Vapor
import Fluent

/// The good-practice library: method guides, case studies drafted from evaluations, the tendering toolkit and guidance
/// for engaging communities, in Markdown, for staff or for everyone (docs/standards.md, "Good practice").
enum GuidanceFeature: ChorusFeature {
    static let name = "guidance"
    static func routes(_ r: FeatureRoutes) {
        GuidanceController.routes(r)
        TrainingController.routes(r)
    }
    static var migrations: [any Migration] { [CreateGuidance(), CreateTraining()] }
    static var navigation: [NavigationEntry] {
        [
            NavigationEntry(label: "nav.guidance", href: SiteURL.Guidance.list),
            NavigationEntry(label: "nav.training", href: SiteURL.Guidance.training),
        ]
    }
    static var auditEntities: [String] {
        [GuidanceService.entity, TrainingService.entity, TrainingService.sessionEntity, TrainingService.attendanceEntity]
    }
    static var strings: [String: [String: String]] { ["en": GuidanceStrings.english, "ur": GuidanceStrings.urdu] }
    static var usages: [ReferenceUsage] {
        [
            ReferenceUsage(kind: .organisation, records: "good-practice pages") { id, db in
                try await GuidancePage.query(on: db).filter(\.$organisation.$id == id).count()
            },
            ReferenceUsage(kind: .organisation, records: "training courses") { id, db in
                try await TrainingCourse.query(on: db).filter(\.$organisation.$id == id).count()
            },
            ReferenceUsage(kind: .organisation, records: "training attendance") { id, db in
                try await TrainingAttendance.query(on: db).filter(\.$organisation.$id == id).count()
            },
        ]
    }

    /// A reminder on the work dashboard when the person's own training needs refreshing.
    static func dashboard(_ r: DashboardRequest) async throws -> [DashboardSection] {
        let due = try await TrainingService.refreshers(TrainingService.completions(person: r.user.id, r.db), today: r.today, r.db)
        guard !due.isEmpty else { return [] }
        return [
            DashboardSection(
                order: DashboardOrder.training, title: "Your training to refresh",
                items: due.map { x in
                    var lapsed = false
                    if case .lapsed = x.currency { lapsed = true }
                    return DashboardItem(
                        text: DashboardText.oneLine(x.course), href: SiteURL.Guidance.course(x.courseID), detail: TrainingViews.currency(x.currency),
                        urgent: lapsed, flag: lapsed ? "Lapsed" : nil)
                })
        ]
    }
}
