import Vapor
import Fluent
import ChorusCore

/// What a feature area declares about itself, once. `Bootstrap/Features.swift` lists the features and registers
/// everything from these declarations; nothing else registers routes, jobs or migrations (a test checks).
///
/// To add a feature area, copy `Features/_Template/` and add one line to `Features.all` (docs/development.md).
protocol ChorusFeature {
    /// A short name for logs and the contract test ("feedback").
    static var name: String { get }

    /// The controller's route table: HTML pages (public, staff, admin) and `/api/v1` operations.
    static func routes(_ r: FeatureRoutes)

    /// Background work: sweep steps every server runs, and workers that run while `serve` runs.
    static func jobs(_ j: FeatureJobs)

    /// The migrations this feature owns. Each is frozen in its own file; `Bootstrap/Migrations.swift` keeps the one
    /// order they run in.
    static var migrations: [any Migration] { get }

    /// Entries in the staff navigation, in order.
    static var navigation: [NavigationEntry] { get }

    /// The entity names this feature writes to the audit log (`audit.entity.<name>` is its label).
    static var auditEntities: [String] { get }

    /// Its strings by language code ("en", "ur"); English complete, other languages fall back key by key.
    static var strings: [String: [String: String]] { get }

    /// What of the shared reference data (themes, places, audiences, organisations) its records use, so deleting
    /// one that is in use is refused with a message naming the use (`UsageRegistry`).
    static var usages: [ReferenceUsage] { get }

    /// Its block on the residents' front door (`/`), read for the ward the resident chose (`FrontDoor.swift`).
    static func frontDoor(_ r: FrontDoorRequest) async throws -> [FrontDoorEntry]

    /// Its sections of a signed-in member of staff's work dashboard: what needs them (`Dashboard.swift`).
    static func dashboard(_ r: DashboardRequest) async throws -> [DashboardSection]

    /// What it reports to `/metrics`: the depth and age of its queues (`FeatureMetrics.swift`).
    static func metrics(_ r: MetricsRequest) async throws -> [Prometheus.Family]

    /// The personal data about residents it keeps, and how to export, erase and expire each kind
    /// (`Shared/Privacy/PersonalData.swift`). A test fails when a table that refers to a resident is declared by none.
    static var personalData: [PersonalDataDeclaration] { get }

    /// The actions a member of staff owns here, for "My actions" (`OwnedActions.swift`); decision spaces list their own.
    static func ownedActions(_ r: OwnedActionsRequest) async throws -> [OwnedAction]
}

extension ChorusFeature {
    static func jobs(_ j: FeatureJobs) {}
    static var migrations: [any Migration] { [] }
    static var navigation: [NavigationEntry] { [] }
    static var auditEntities: [String] { [] }
    static var strings: [String: [String: String]] { [:] }
    static var usages: [ReferenceUsage] { [] }
    static func frontDoor(_ r: FrontDoorRequest) async throws -> [FrontDoorEntry] { [] }
    static func dashboard(_ r: DashboardRequest) async throws -> [DashboardSection] { [] }
    static func metrics(_ r: MetricsRequest) async throws -> [Prometheus.Family] { [] }
    static var personalData: [PersonalDataDeclaration] { [] }
    static func ownedActions(_ r: OwnedActionsRequest) async throws -> [OwnedAction] { [] }
}

/// The route builders a feature registers on, each behind the right middleware. Paths come from `URLPattern`s in
/// `SiteURL` (full paths: the builders add no prefix).
struct FeatureRoutes {
    let app: Application
    /// HTML for anyone (residents included): the reader's session if any, and CSRF protection on forms.
    let site: any RoutesBuilder
    /// As `site`, for pages and feeds that are the same for every reader who is not signed in and change only when
    /// something is written (what's on, "You said, we did"): served from `PublicPageCache`, with `ETag`s.
    let publicPages: any RoutesBuilder
    /// HTML for signed-in staff of any role.
    let staff: any RoutesBuilder
    /// HTML for partnership admins.
    let admin: any RoutesBuilder
    /// `/api/v1`, personal API tokens (declare operations with `docs.route` so OpenAPI documents them).
    let api: any RoutesBuilder
    let docs: APIDocs
    /// Without CSRF or session: health, static assets, links in emails that prove themselves (unsubscribe).
    let bare: any RoutesBuilder
    /// As `site`, for a signed-in resident only (`req.requireResident()`); anyone else goes to the residents' sign-in.
    let residents: any RoutesBuilder
}

/// Where a feature registers its background work (`ChorusFeature.jobs`). Sweep steps run every 30 seconds on every
/// server (tests call `app.jobSweep.tick`); workers run only while `chorus serve` runs, never in tests.
struct FeatureJobs {
    let app: Application
    let feature: String

    /// A periodic step: start jobs left behind, start what is due. It must be safe with several servers sweeping.
    func sweep(_ name: String, _ step: @escaping JobSweep.Step) {
        app.jobSweep.register("\(feature): \(name)", step)
    }

    /// A worker started with the server (an outbox sender); not in tests.
    func whileServing(_ worker: any LifecycleHandler) {
        if app.environment != .testing { app.lifecycle.use(worker) }
    }
}

/// One link in the staff navigation.
struct NavigationEntry: Sendable {
    /// Catalogue key of the label.
    let label: String
    let href: String
    /// Who sees it.
    var shownTo: @Sendable (CurrentUser) -> Bool = { _ in true }
}
