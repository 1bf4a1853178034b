import Foundation
import Fluent
import ChorusCore

/// Page models for volunteering offers and shared resources, built from `DirectoryOffers`.
enum DirectoryOfferPages {
    struct List: Sendable {
        let offers: [DirectoryOffers.Offer]
        let query: [String: String]
        let choices: DirectoryPages.Choices
        let canOffer: Bool
        /// What has been given through every offer, by unit.
        let given: [OfferUnit: Int]
        let notice: String?
    }

    struct Editor: Sendable {
        let input: Input
        let errors: [FieldError]
        let choices: DirectoryPages.Choices
        let owners: [Form.Option]
    }

    struct OfferPage: Sendable {
        let offer: DirectoryOffers.Offer
        let requests: [DirectoryOffers.RequestRow]
        /// Groups it suits (a place and a theme in common), and the groups the request form offers.
        let suits: [DirectoryItem]
        let groups: [DirectoryItem.Named]
        let canRespond: Bool
        let canRequest: Bool
        let organisation: UUID
        let isAdmin: Bool
        var input = Input(values: [:])
        var errors: [FieldError] = []
        var notice: String? = nil
    }

    static func list(user: CurrentUser, query q: [String: String], notice: String?, _ db: any Database) async throws -> List {
        List(
            offers: try await DirectoryOffers.offers(q, db), query: q, choices: try await DirectoryPages.choices(db),
            canOffer: user.role.canKeepDirectory, given: try await DirectoryOffers.givenTotals(db), notice: notice)
    }

    static func editor(input: Input, errors: [FieldError] = [], user: CurrentUser, _ db: any Database) async throws -> Editor {
        let choices = try await DirectoryPages.choices(db)
        let owners =
            user.role.canAdministerPartnership ? choices.organisations : choices.organisations.filter { $0.value == user.organisationID.uuidString }
        return Editor(input: input, errors: errors, choices: choices, owners: owners)
    }

    static func offer(
        _ id: UUID?, user: CurrentUser, input: Input = Input(values: [:]), errors: [FieldError] = [], notice: String? = nil, _ db: any Database
    ) async throws -> OfferPage {
        let offer = try await DirectoryOffers.offer(id, db)
        let reach = offer.reach
        return OfferPage(
            offer: offer, requests: try await DirectoryOffers.requests(offer: offer.id, db),
            suits: try await DirectoryReads.alreadyRunning(reach, reader: .staff(organisation: user.organisationID), db),
            groups: try await DirectoryQueries.choices(.group, wards: reach.wards, boroughWide: reach.boroughWide, db),
            canRespond: DirectoryOffers.canRespond(user, offeredBy: offer.organisation.id), canRequest: user.role.canKeepDirectory && offer.open,
            organisation: user.organisationID, isAdmin: user.role.canAdministerPartnership, input: input, errors: errors, notice: notice)
    }
}
