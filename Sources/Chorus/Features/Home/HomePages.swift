import Vapor
import Fluent
import ChorusCore

/// The home page's model: plain values a view renders with a `PageContext` (views never see a request, the database
/// or a Fluent model).
enum HomePages {
    /// How many records one admin section holds, and its list.
    struct Count: Sendable {
        /// The section's name: "organisations", "people", "places", "themes", "audiences" (`nav.<key>` labels it).
        let key: String
        let count: Int
        let link: String
    }

    struct Home: Sendable {
        let name: String
        let role: Role
        let organisationName: String
        /// Partnership admins follow each count to its list; others read the numbers.
        let linksCounts: Bool
        let counts: [Count]
    }

    static func home(user: CurrentUser, _ db: any Database) async throws -> Home {
        let counts = [
            Count(key: "organisations", count: try await Organisation.query(on: db).count(), link: SiteURL.admin("organisations").list),
            Count(key: "people", count: try await Person.query(on: db).filter(\.$active == true).count(), link: SiteURL.admin("people").list),
            Count(key: "places", count: try await Place.query(on: db).count(), link: SiteURL.admin("places").list),
            Count(key: "themes", count: try await Theme.query(on: db).count(), link: SiteURL.admin("themes").list),
            Count(key: "audiences", count: try await Audience.query(on: db).count(), link: SiteURL.admin("audiences").list),
        ]
        return Home(
            name: user.name, role: user.role, organisationName: user.organisationName,
            linksCounts: user.role.canAdministerPartnership, counts: counts)
    }
}
