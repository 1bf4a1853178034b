import Vapor
import Fluent
import ChorusCore

/// Page models for the directory: plain `Sendable` values built here from the queries, rendered by pure views.
enum DirectoryPages {
    /// The choices forms and filters offer: partners, wards and other places, themes, audiences.
    typealias Choices = RegisterPages.Choices

    struct List: Sendable {
        let page: PageOf<DirectoryItem>
        let query: [String: String]
        let choices: Choices
        let canAdd: Bool
        let notice: String?
        /// Changes sent by groups through their links, waiting for this person's review.
        var waitingChanges = 0
    }

    struct Editor: Sendable {
        let kind: DirectoryKind
        /// The entry being changed (nil when adding one).
        let entry: DirectoryItem.Named?
        let input: Input
        let errors: [FieldError]
        let choices: Choices
        /// The organisations this person may keep entries for (all, for a partnership admin; else their own).
        let owners: [Form.Option]
    }

    struct Entry: Sendable {
        let item: DirectoryItem
        let canChange: Bool
        let notice: String?
        /// Changes the group sent through its link, waiting for review.
        var waiting: [DirectoryUpdates.Change] = []
        /// The update links sent for it, newest first: to whom, when, and what became of each.
        var links: [UpdateLinkRow] = []
        var errors: [FieldError] = []
        /// For a group: open offers that suit it.
        var offers: [DirectoryOffers.Offer] = []
    }

    struct UpdateLinkRow: Sendable {
        let sentTo: String
        let sentAt: Date?
        let byReminder: Bool
        let status: DirectoryUpdateLink.Status
        let expired: Bool
    }

    /// A group correcting its entry through its link.
    struct UpdateForm: Sendable {
        let token: String
        let item: DirectoryItem
        let input: Input
        let errors: [FieldError]
        let choices: Choices
    }

    /// The changes waiting for review that this person may see.
    struct Changes: Sendable {
        let changes: [DirectoryUpdates.Change]
        let notice: String?
    }

    /// The residents' finder: the ward they chose or their postcode found, and the groups and venues there.
    struct Finder: Sendable {
        let found: WardFinder.Result
        let query: [String: String]
        let page: PageOf<DirectoryItem>?
    }

    static func choices(_ db: any Database) async throws -> Choices { try await RegisterPages.choices(people: false, db) }

    static func list(user: CurrentUser, query q: [String: String], window: PageWindow, notice: String? = nil, _ db: any Database) async throws
        -> List
    {
        let page = try await DirectoryQueries.page(.init(q), window: window, reader: .staff(organisation: user.organisationID), db)
        return List(
            page: page, query: q, choices: try await choices(db), canAdd: user.role.canKeepDirectory, notice: notice,
            waitingChanges: try await DirectoryUpdates.waitingCount(user: user, db))
    }

    static func editor(
        kind: DirectoryKind, entry: DirectoryItem.Named?, input: Input, errors: [FieldError] = [], user: CurrentUser, _ db: any Database
    ) async throws -> Editor {
        let choices = try await choices(db)
        let owners =
            user.role.canAdministerPartnership ? choices.organisations : choices.organisations.filter { $0.value == user.organisationID.uuidString }
        return Editor(kind: kind, entry: entry, input: input, errors: errors, choices: choices, owners: owners)
    }

    static func entry(_ id: UUID?, user: CurrentUser, notice: String? = nil, errors: [FieldError] = [], now: Date = Date(), _ db: any Database)
        async throws -> Entry
    {
        let item = try await DirectoryQueries.find(id, reader: .staff(organisation: user.organisationID), db)
        let canChange = DirectoryService.canChange(user, owner: item.owner.id)
        let offers = item.kind == .group ? try await DirectoryOffers.suiting(item, db) : []
        guard canChange else { return Entry(item: item, canChange: false, notice: notice, offers: offers) }
        let links = try await DirectoryUpdates.history(of: item.id, db).map { l in
            UpdateLinkRow(
                sentTo: l.sentTo, sentAt: l.createdAt, byReminder: l.reminderForDay != nil,
                status: DirectoryUpdateLink.Status(rawValue: l.status) ?? .open, expired: l.expiresAt <= now)
        }
        return Entry(
            item: item, canChange: true, notice: notice, waiting: try await DirectoryUpdates.waiting(user: user, entry: item.id, db), links: links,
            errors: errors, offers: offers)
    }

    static func updateForm(token: String, item: DirectoryItem, input: Input? = nil, errors: [FieldError] = [], _ db: any Database) async throws
        -> UpdateForm
    {
        UpdateForm(token: token, item: item, input: input ?? item.input, errors: errors, choices: try await choices(db))
    }

    /// Groups and venues in the resident's ward (and borough-wide groups), with connectors who agreed to be listed.
    static func finder(query q: [String: String], window: PageWindow, _ db: any Database) async throws -> Finder {
        let found = try await WardFinder.find(q, db)
        guard let ward = found.ward else { return Finder(found: found, query: q, page: nil) }
        var filter = DirectoryQueries.Filter(q)
        filter.ward = ward.id
        filter.theme = nil
        filter.owner = nil
        filter.freshness = nil
        return Finder(found: found, query: q, page: try await DirectoryQueries.page(filter, window: window, reader: .resident, db))
    }
}
