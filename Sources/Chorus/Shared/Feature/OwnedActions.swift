import Foundation
import Fluent
import ChorusCore

/// Actions a member of staff owns in feature areas other than decision spaces (a self-assessment's action plan), so
/// "My actions" is one list: each area answers through `ChorusFeature.ownedActions`, with the same statuses
/// (`ActionStatus`) and a link to where the action is updated.
struct OwnedActionsRequest: Sendable {
    let user: CurrentUser
    let db: any Database
}

struct OwnedAction: Sendable {
    let title: String
    let href: String
    /// Where it comes from, in the place of a decision space's name ("Action plan: Council self-assessment 2027").
    let source: String
    let owner: String
    let organisation: String
    let due: Day?
    let status: ActionStatus
    let statusDay: Day
}
