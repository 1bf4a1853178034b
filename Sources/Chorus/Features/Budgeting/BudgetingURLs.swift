import Foundation

extension SiteURL {
    /// Participatory budgeting: residents at `/budgets/…` (the round, proposing, the ballot, results); staff at
    /// `/budgeting/…` (rounds, proposals, paper ballots, "Check an outcome").
    enum Budgeting {
        enum Route {
            static let check = URLPattern("/budgeting/check")
            static let list = URLPattern("/budgeting")
            static let new = URLPattern("/budgeting/new")
            static let round = URLPattern("/budgeting/:id")
            static let settings = URLPattern("/budgeting/:id/settings")
            static let pots = URLPattern("/budgeting/:id/pots")
            static let advance = URLPattern("/budgeting/:id/advance")
            static let addProposal = URLPattern("/budgeting/:id/proposals")
            static let proposal = URLPattern("/budgeting/:id/proposals/:proposal")
            static let moderate = URLPattern("/budgeting/:id/proposals/:proposal/moderate")
            static let review = URLPattern("/budgeting/:id/proposals/:proposal/review")
            static let merge = URLPattern("/budgeting/:id/proposals/:proposal/merge")
            static let paper = URLPattern("/budgeting/:id/paper")
            static let verify = URLPattern("/budgeting/:id/verify")
            static let override = URLPattern("/budgeting/:id/proposals/:proposal/override")
            static let delivery = URLPattern("/budgeting/:id/proposals/:proposal/delivery")
            static let export = URLPattern("/budgeting/:id/pots/:pot/pabulib")
            static let publicList = URLPattern("/budgets")
            static let publicRound = URLPattern("/budgets/:id")
            static let propose = URLPattern("/budgets/:id/propose")
            static let ballot = URLPattern("/budgets/:id/ballot")
            static let voted = URLPattern("/budgets/:id/voted")
            static let results = URLPattern("/budgets/:id/results")
            static let photo = URLPattern("/budgets/:id/proposals/:reference/photo")
            static let addPhoto = URLPattern("/budgets/:id/proposals/:reference/add-photo")
            static let staffPhoto = URLPattern("/budgeting/:id/proposals/:proposal/photo")
            static let removePhoto = URLPattern("/budgeting/:id/proposals/:proposal/photo/remove")
        }
        static let check = Route.check.link()
        static let list = Route.list.link()
        static let new = Route.new.link()
        static func round(_ id: UUID) -> String { Route.round.link(id) }
        static func settings(_ id: UUID) -> String { Route.settings.link(id) }
        static func pots(_ id: UUID) -> String { Route.pots.link(id) }
        static func advance(_ id: UUID) -> String { Route.advance.link(id) }
        static func addProposal(_ id: UUID) -> String { Route.addProposal.link(id) }
        static func proposal(_ id: UUID, _ p: UUID) -> String { Route.proposal.link(id, p) }
        static func moderate(_ id: UUID, _ p: UUID) -> String { Route.moderate.link(id, p) }
        static func review(_ id: UUID, _ p: UUID) -> String { Route.review.link(id, p) }
        static func merge(_ id: UUID, _ p: UUID) -> String { Route.merge.link(id, p) }
        static func paper(_ id: UUID) -> String { Route.paper.link(id) }
        static func verify(_ id: UUID) -> String { Route.verify.link(id) }
        static func override(_ id: UUID, _ p: UUID) -> String { Route.override.link(id, p) }
        static func delivery(_ id: UUID, _ p: UUID) -> String { Route.delivery.link(id, p) }
        static func export(_ id: UUID, pot: UUID, ward: Bool = false) -> String {
            ward ? SiteURL.with(Route.export.link(id, pot), ["ward": "1"]) : Route.export.link(id, pot)
        }
        static let publicList = Route.publicList.link()
        static func publicRound(_ id: UUID) -> String { Route.publicRound.link(id) }
        static func propose(_ id: UUID) -> String { Route.propose.link(id) }
        static func ballot(_ id: UUID) -> String { Route.ballot.link(id) }
        static func voted(_ id: UUID, reference: String) -> String { SiteURL.with(Route.voted.link(id), ["ref": reference]) }
        static func results(_ id: UUID) -> String { Route.results.link(id) }
        static func photo(_ id: UUID, _ reference: String) -> String { Route.photo.link(id, reference) }
        static func addPhoto(_ id: UUID, _ reference: String) -> String { Route.addPhoto.link(id, reference) }
        static func staffPhoto(_ id: UUID, _ p: UUID) -> String { Route.staffPhoto.link(id, p) }
        static func removePhoto(_ id: UUID, _ p: UUID) -> String { Route.removePhoto.link(id, p) }
    }
}
