import Vapor
import Fluent
import ChorusCore

/// The home page's model: plain values a view renders with a `PageContext` (views never see a request, the database
/// or a Fluent model). For a signed-in member of staff it is their work dashboard: every feature's sections
/// (`Features.dashboard`), and for partnership admins and viewers (oversight) the partnership at a glance.
enum HomePages {
    /// How many records one admin section holds, and its list.
    struct Count: Sendable {
        /// The section's name: "organisations", "people", "places", "themes", "audiences" (`nav.<key>` labels it).
        let key: String
        let count: Int
        let link: String
    }

    /// A partnership-wide figure in words ("activities running this quarter") with its number and where to read more.
    struct Figure: Sendable {
        let count: Int
        let label: String
        let link: String
    }

    /// The partnership at a glance: the reference data's counts and a few figures of the work.
    struct Glance: Sendable {
        /// Partnership admins follow each count to its list; others read the numbers.
        let linksCounts: Bool
        let counts: [Count]
        let figures: [Figure]
        /// Where the partnership's work is read in full.
        let links: [DashboardLink]
    }

    struct Home: Sendable {
        let name: String
        let role: Role
        let organisationName: String
        let today: Day
        /// The sections with something to show, in page order.
        let sections: [DashboardSection]
        /// For partnership admins and viewers.
        let glance: Glance?
    }

    static func home(
        user: CurrentUser, today: Day = Day(Date()), now: Date = Date(), config: AppConfig, _ db: any Database
    ) async throws -> Home {
        var request = DashboardRequest(user: user, today: today, now: now, db: db)
        request.overlapWindowDays = config.overlapWindowDays
        request.fatigueThreshold = config.fatigueThreshold
        request.cacheSeconds = config.dashboardCacheSeconds
        let sections = try await Features.dashboard(request).filter(\.isShown)
        var glance: Glance? = nil
        if [.partnershipAdmin, .viewer].contains(user.role) {
            glance = try await DashboardCache.shared.value(
                "glance:\(user.organisationID):\(user.role.rawValue):\(today)", now: now, seconds: config.dashboardCacheSeconds
            ) {
                try await Self.glance(user: user, today: today, db)
            }
        }
        return Home(
            name: user.name, role: user.role, organisationName: user.organisationName, today: today, sections: sections,
            glance: glance)
    }

    static func glance(user: CurrentUser, today: Day, _ db: any Database) async throws -> Glance {
        let counts = [
            Count(key: "organisations", count: try await Organisation.query(on: db).count(), link: SiteURL.admin("organisations").list),
            Count(key: "people", count: try await Person.query(on: db).filter(\.$active == true).count(), link: SiteURL.admin("people").list),
            Count(key: "places", count: try await Place.query(on: db).count(), link: SiteURL.admin("places").list),
            Count(key: "themes", count: try await Theme.query(on: db).count(), link: SiteURL.admin("themes").list),
            Count(key: "audiences", count: try await Audience.query(on: db).count(), link: SiteURL.admin("audiences").list),
        ]
        let activities = try await RegisterService.activityFigures(db)
        let overdue = try await DecisionsReads.overdueActionCount(today: today, db)
        let figures = [
            Figure(
                count: activities.planned, label: activities.planned == 1 ? "activity planned" : "activities planned",
                link: SiteURL.with(SiteURL.Register.list, ["status": ActivityStatus.planned.rawValue])),
            Figure(
                count: activities.open, label: activities.open == 1 ? "activity open to residents now" : "activities open to residents now",
                link: SiteURL.with(SiteURL.Register.list, ["status": ActivityStatus.open.rawValue])),
            Figure(count: overdue, label: overdue == 1 ? "action overdue" : "actions overdue", link: SiteURL.Decisions.spaces),
        ]
        return Glance(
            linksCounts: user.role.canAdministerPartnership, counts: counts, figures: figures,
            links: [
                DashboardLink(text: "Loop closure: closed activities with published feedback", href: SiteURL.Feedback.loopClosure),
                DashboardLink(text: "Engagement fatigue by ward", href: SiteURL.Register.fatigue),
            ])
    }
}
