import Fluent
import Foundation
import ChorusCore

/// The demo's campaign: the council's "Love where you live" litter campaign, live, with three actions at each level
/// (home, street, community), about 320 pledges spread over the wards (more where the litter conversations were, some
/// by groups, about four in ten reported done), and a few comments that became insights of the council's litter
/// activity. Deterministic.
enum DemoCampaigns {
    static let title = "Love where you live"

    static let actions: [(ActionLevel, String, String, String)] = [
        (
            .home, "Recycle one more thing each week",
            "Check the recycling guide on your bin lid.\nRinse tins and bottles.\nKeep a bag by the back door for recycling.",
            "One more thing in the recycling each week. Together that is a lorry-load a month."
        ),
        (
            .home, "Keep your bin lid shut", "Put bags inside the bin, never beside it.\nIf your bin is too small, ask the council for a bigger one.",
            "Lids shut, streets clean: foxes and gulls cannot spread what they cannot reach."
        ),
        (
            .home, "Take litter home from days out", "Carry a spare bag.\nIf a bin is full, take your rubbish home.",
            "If the bin is full, take it home."
        ),
        (
            .street, "Sweep the pavement outside your home",
            "Once a week, sweep from your door to the kerb.\nBag leaves and litter; put them in your bin.",
            "Ten minutes a week outside your door keeps the whole street tidy."
        ),
        (
            .street, "Report fly-tipping when you see it",
            "Note where it is and what it is.\nReport it online or by phone; do not touch sharp or heavy items.",
            "Seen fly-tipping? Report it: the sooner it is reported, the sooner it goes."
        ),
        (
            .street, "Put up a no-litter poster",
            "Print the poster from the toolkit.\nAsk permission before putting it up anywhere but your own window.",
            "This street cares. Please take your litter home."
        ),
        (
            .community, "Join or start a litter pick",
            "Borrow pickers, bags and hi-vis from the council's kit library.\nPick a date and a meeting point; tell the council so full bags are collected.",
            "Litter pick this Saturday, 10am. Pickers and gloves provided. All welcome."
        ),
        (
            .community, "Adopt a green space", "Choose a small park or verge.\nVisit once a month to pick litter and report damage.",
            "This space is looked after by local volunteers. Join us."
        ),
        (
            .community, "Talk to a local shop about bins",
            "Ask whether they could put a bin outside, or empty it more often.\nTake the letter from the toolkit.",
            "Good shops keep good streets. Thank you for your bin."
        ),
    ]

    static let comments = [
        "The bins on the high street are always full by Saturday afternoon.",
        "We would do a litter pick every month if someone collected the bags.",
        "More recycling bins for flats please, the communal ones overflow.",
        "Our street did a sweep together and met neighbours we had never spoken to.",
    ]

    static let groups = ["Harbour Road Residents' Association", "St Mary's Primary School", "Quayside Mosque", "Mill Lane Allotment Society"]

    static func seed(on db: any Database, today: Day) async throws {
        guard let user = try await DemoSeed.councilOfficer(db) else { return }
        let wards = try await PlacesReads.wards(db)
        guard !wards.isEmpty else { return }
        // The council's litter conversations receive the comments.
        let activity = try await Activity.query(on: db).filter(\.$organisation.$id == user.organisationID).filter(
            \.$title =~ "Litter and fly-tipping"
        )
        .filter(\.$status != ActivityStatus.draft.rawValue).sort(\.$startDay, .descending).first()?.id
        let c = try await CampaignService.create(
            .init(
                title: title, theme: .litter, summary: "Less litter, street by street: small things at home, on your street and together.",
                introduction:
                    "Litter and fly-tipping came up in every ward when we asked what residents want to change.\n"
                    + "Cleaning up costs the borough over a million pounds a year. Most of it starts with small things we can each do.",
                activity: activity), user: user, on: db)
        var made: [CampaignAction] = []
        for (level, name, howTo, poster) in actions {
            made.append(
                try await CampaignService.addAction(
                    c,
                    .init(
                        level: level, title: name, howTo: howTo, poster: poster,
                        letter: "Dear neighbour,\n\(poster)\nIf you would like to help, knock on our door or join the campaign online.\nBest wishes"),
                    user: user, on: db))
        }
        try await CampaignService.move(c, to: CampaignStatus.live.rawValue, user: user, on: db)

        var rng = SeededRandom(state: 0xC4_3A16)
        let now = today.date
        let weights = [1, 3, 5, 2, 6, 3, 2]  // the middle of each ward list pledges more
        // Inside the demo's one transaction (`DemoSeed`).
        do {
            let tx = db
            for i in 0..<320 {
                let w = wards[min(wards.count - 1, (rng.int(0...(wards.count - 1)) + weights[i % weights.count]) % wards.count)]
                let a = made[rng.int(0...(made.count - 1))]
                let p = CampaignPledge()
                p.actionID = a.id!
                p.campaignID = c.id!
                p.placeID = w.id
                p.groupName = a.levelValue == .community && i % 9 == 0 ? groups[i % groups.count] : nil
                p.wantsUpdates = false
                p.createdAt = now.addingTimeInterval(-Double(rng.int(0...(60 * 86_400))))
                p.doneAt = rng.int(0...9) < 4 ? p.createdAt.addingTimeInterval(Double(rng.int(1...(14 * 86_400)))) : nil
                if i % 80 == 7 { p.comment = comments[(i / 80) % comments.count] }
                try await p.create(on: tx)
                if let comment = p.comment, let activity {
                    try await InsightService.record(
                        [
                            .init(
                                organisationID: user.organisationID, activityID: activity, text: comment, heard: Day(p.createdAt), placeID: w.id,
                                sharing: .organisation, equality: [:], sourceRef: CampaignPledgeService.sourcePrefix(p.id!) + "comment", kind: .quote)
                        ], replacing: nil, in: activity, on: tx)
                }
            }
        }
    }

    /// How many demo comments became insights (when the council has a litter activity).
    static var commentCount: Int { (0..<320).filter { $0 % 80 == 7 }.count }
}
