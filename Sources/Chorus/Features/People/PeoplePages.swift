import Foundation

/// The page models of the people area beyond the admin resource's own (`AdminPages`).
enum PeoplePages {
    /// A new invitation: who it is for and the one-time link to pass on.
    struct Invitation: Sendable {
        let name: String
        let email: String
        let link: String
    }
}

/// The access section of a person's edit page (rendered by `PersonAccess.nodes`, a pure view): whether they are
/// active and have chosen a password.
struct PersonAccess: AdminEditExtras {
    let id: UUID
    let active: Bool
    let hasPassword: Bool
}
