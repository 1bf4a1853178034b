import Foundation

extension SiteURL {
    /// The feature's paths: `Route` patterns are what the controller registers; the links are built from them.
    enum Template {
        enum Route {
            static let list = URLPattern("/template-notes")
            static let note = URLPattern("/template-notes/:id")
        }
        static let list = Route.list.link()
        static func note(_ id: UUID) -> String { Route.note.link(id) }
    }
}
