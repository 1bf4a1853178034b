import Foundation
import Testing
import ChorusCore

struct OfferTests {
    @Test func aRequestMovesOnlyForwardAndWhatWasGivenIsFinal() {
        #expect(OfferRequestStatus.requested.after(.agree) == .agreed)
        #expect(OfferRequestStatus.agreed.after(.give) == .given)
        #expect(OfferRequestStatus.requested.after(.give) == nil, "nothing is given before it is agreed")
        #expect(OfferRequestStatus.given.after(.decline) == nil && OfferRequestStatus.given.after(.withdraw) == nil)
        #expect(OfferRequestStatus.declined.after(.agree) == nil && OfferRequestStatus.withdrawn.after(.agree) == nil)
        #expect(OfferRequestStatus.agreed.after(.withdraw) == .withdrawn)
        #expect(!OfferRequestStatus.isOfferersAction(.withdraw) && OfferRequestStatus.isOfferersAction(.give))
    }

    @Test func givenAmountsAddUpByUnit() {
        let totals = OfferTotals.given([(.volunteeringDays, 3), (.skills, 10), (.timeBankHours, 5), (.room, 2), (.equipment, 0)])
        #expect(totals == [.days: 3, .hours: 15, .bookings: 2])
    }
}
