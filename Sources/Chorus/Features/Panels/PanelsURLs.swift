import Foundation

extension SiteURL {
    /// Citizens' panels: staff at `/panels/…` (members, letters, selections); residents at `/panel/…` (join, profile,
    /// leave); each selection's audit page at `/panel-draws/:id`, public once published.
    enum Panels {
        enum Route {
            static let list = URLPattern("/panels")
            static let panel = URLPattern("/panels/:id")
            static let members = URLPattern("/panels/:id/members")
            static let addresses = URLPattern("/panels/:id/addresses")
            static let lottery = URLPattern("/panels/:id/lottery")
            static let letters = URLPattern("/panels/:id/lottery/:draw/letters")
            static let selections = URLPattern("/panels/:id/selections")
            static let selection = URLPattern("/panels/selections/:selection")
            static let publish = URLPattern("/panels/selections/:selection/publish")
            static let draw = URLPattern("/panels/selections/:selection/draw")
            static let person = URLPattern("/panels/selections/:selection/people/:person")
            static let attendance = URLPattern("/panels/selections/:selection/people/:person/attendance")
            static let payments = URLPattern("/panels/selections/:selection/people/:person/payments")
            static let paymentsCSV = URLPattern("/panels/selections/:selection/payments.csv")
            static let replace = URLPattern("/panels/selections/:selection/replace")
            static let ask = URLPattern("/panels/selections/:selection/ask")
            static let availability = URLPattern("/panels/selections/:selection/availability")
            static let answer = URLPattern("/panel/:id/events/:selection")
            static let publicList = URLPattern("/panel")
            static let join = URLPattern("/panel/:id")
            static let leave = URLPattern("/panel/:id/leave")
            static let audit = URLPattern("/panel-draws/:selection")
            static let auditFile = URLPattern("/panel-draws/:selection/:file")
        }
        static let list = Route.list.link()
        static func panel(_ id: UUID) -> String { Route.panel.link(id) }
        static func members(_ id: UUID) -> String { Route.members.link(id) }
        static func addresses(_ id: UUID) -> String { Route.addresses.link(id) }
        static func lottery(_ id: UUID) -> String { Route.lottery.link(id) }
        static func letters(_ id: UUID, draw: UUID) -> String { Route.letters.link(id, draw) }
        static func selections(_ id: UUID) -> String { Route.selections.link(id) }
        static func selection(_ id: UUID) -> String { Route.selection.link(id) }
        static func publish(_ id: UUID) -> String { Route.publish.link(id) }
        static func draw(_ id: UUID) -> String { Route.draw.link(id) }
        static func person(_ id: UUID, _ person: UUID) -> String { Route.person.link(id, person) }
        static func attendance(_ id: UUID, _ person: UUID) -> String { Route.attendance.link(id, person) }
        static func payments(_ id: UUID, _ person: UUID) -> String { Route.payments.link(id, person) }
        static func paymentsCSV(_ id: UUID) -> String { Route.paymentsCSV.link(id) }
        static func replace(_ id: UUID) -> String { Route.replace.link(id) }
        static func ask(_ id: UUID) -> String { Route.ask.link(id) }
        static func availability(_ id: UUID) -> String { Route.availability.link(id) }
        static func answer(_ panel: UUID, _ selection: UUID) -> String { Route.answer.link(panel, selection) }
        static let publicList = Route.publicList.link()
        static func join(_ id: UUID) -> String { Route.join.link(id) }
        static func leave(_ id: UUID) -> String { Route.leave.link(id) }
        static func audit(_ id: UUID) -> String { Route.audit.link(id) }
        static func auditFile(_ id: UUID, _ file: String) -> String { Route.auditFile.link(id, file) }
    }
}
