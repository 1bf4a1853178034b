import Vapor
import Fluent
import ChorusCore

/// About 20,000 demo insights over two years, across wards, partners and themes, written to read like a real
/// borough's residents: each insight is about one theme, in one ward, and an insight heard during a register
/// activity is about that activity's subject (the climate action plan hears about the climate, the bus routes
/// consultation about buses), in one of that activity's wards. A comment is an opening, a detail and usually a
/// request, all about the same problem (`Voice`), with the ward's own places named; or something said in praise, on
/// its own. Some carry names, emails, phone numbers, postcodes or addresses that redaction takes out. Deterministic
/// for a given count and day.
enum DemoInsights {
    /// Places residents name in each ward (in `DemoSeed.wards` order): a park, a street, an estate or block, and a
    /// landmark (a school, a parade of shops, a surgery, a stop).
    static let places: [(park: String, street: String, estate: String, landmark: String)] = [
        ("Quayside Green", "Dock Street", "the Quayside estate", "the ferry terminal"),
        ("Castle Gardens", "Market Street", "Abbey Court", "the Old Town library"),
        ("Northgate Rec", "Northgate Road", "the Northgate flats", "Northgate Primary"),
        ("Millbrook Meadow", "Mill Lane", "Millbrook Close", "the Millbrook surgery"),
        ("St Anne's churchyard", "Church Street", "St Anne's Court", "the St Anne's parade"),
        ("Foxhill Woods", "Foxhill Rise", "the Foxhill estate", "Foxhill Academy"),
        ("the Riverside walk", "River Road", "Riverside House", "the Riverside bus station"),
        ("Brickfields Park", "Kiln Lane", "the Brickfields estate", "the Brickfields community centre"),
        ("Westcliff promenade", "Cliff Road", "Seaview Towers", "the Westcliff leisure centre"),
        ("Ashby Park", "Ashby Avenue", "Ashby Gardens", "the Ashby Park health centre"),
        ("Hollins playing fields", "Hollins Lane", "the Hollins estate", "the Hollins youth club"),
        ("the Canal Wharf towpath", "Wharf Street", "Lock Keeper's Court", "the Canal Wharf market"),
    ]

    /// What residents say about one theme: how a comment opens, the detail that follows, and what they ask for, all
    /// about the same problem so any opening, detail and request read together; and things said in praise, which
    /// stand on their own (never joined to a complaint). `{park}`, `{street}`, `{estate}` and `{landmark}` become
    /// places in the insight's ward.
    struct Voice: Sendable {
        let theme: String
        let openings: [String]
        let details: [String]
        let asks: [String]
        let praise: [String]
    }

    static let voices: [Voice] = [
        Voice(
            theme: "Climate change",
            openings: [
                "Our flat on {street} was unbearable in the heatwave last summer.", "Heating bills went through the roof this winter.",
                "I want the council to take the climate seriously.", "My kids keep asking what the borough is doing about climate change.",
                "Homes like ours in {estate} leak heat like a sieve.",
            ],
            details: [
                "The single-glazed windows let the cold in and the heat stays trapped in summer.",
                "There is no shade at {park} and the bus stops have no trees at all.",
                "We would happily get rid of the car if there was an electric car club near {landmark}.",
                "The council still heats its own buildings with old gas boilers.",
                "Nobody has ever offered us an insulation survey, and as private renters we cannot do it ourselves.",
                "The recycling centre will not take soft plastics or small electricals.",
            ],
            asks: [
                "Please put solar panels on council buildings and schools to show you mean it.",
                "Insulate rented homes first, the landlords will not do it.", "Plant more street trees on {street} for shade.",
                "A community energy scheme would let us all share the savings.", "Tell us in plain English what the climate plan will change.",
            ],
            praise: [
                "The new trees planted along {street} already make it cooler in summer.",
                "The repair café at {landmark} kept our old washing machine out of landfill.",
                "Free draught-proofing from the council made a real difference to our bills.",
            ]),
        Voice(
            theme: "Parks and green spaces",
            openings: [
                "I take my grandchildren to {park} most days.", "{park} is the only green space near us.",
                "We walk the dog round {park} every morning.", "The play area at {park} is where all the local families go.",
            ],
            details: [
                "The swings have been broken for months and are taped off.", "The gates are locked at 4pm even in summer.",
                "There is nowhere for older people to sit and rest.", "Dog mess on the grass is getting worse and the bins overflow.",
                "The toilets have been shut since before the pandemic.", "The paths flood and turn to mud every winter.",
            ],
            asks: [
                "Please fix the play equipment before the summer holidays.", "More benches would let my mum come with us.",
                "Keep the gates open until dusk.", "Reopen the toilets, even if it is just at weekends.",
                "Put more bins in and empty them more often.",
            ],
            praise: [
                "The wildflower meadow at {park} is beautiful and full of bees.",
                "The park volunteers at {park} have done wonders with the flower beds.",
                "The new outdoor gym at {park} is used every evening.",
            ]),
        Voice(
            theme: "Streets and litter",
            openings: [
                "{street} is a mess most weeks.", "I am fed up with the rubbish round {estate}.",
                "Walking to {landmark} means stepping round litter.", "Our road has become a dumping ground.",
            ],
            details: [
                "The bins were missed again and the foxes had them open by morning.",
                "Someone has dumped a mattress and a fridge behind the shops.",
                "The pavement is cracked and my neighbour tripped and broke her wrist.",
                "The litter bins are full by lunchtime on a Saturday.", "There is broken glass by the bus stop every weekend.",
            ],
            asks: [
                "Please add more bins and empty them more often.", "Put a camera up where they keep fly-tipping.",
                "Fix the pavement before someone else gets hurt.", "Tell us the collection day when it changes.",
                "Give us litter pickers and bags and we will do a clean-up ourselves.",
            ],
            praise: [
                "The street cleaners on {street} do a great job and always say hello.",
                "The fly-tipping was cleared within a day of reporting it online.",
                "Since the new bins went in on {street} it has been much tidier.",
            ]),
        Voice(
            theme: "Flooding",
            openings: [
                "{street} floods every time it rains heavily.", "We were flooded out two winters ago.",
                "The water comes up through the drains on {street}.", "Living near the river in {estate} worries us every winter.",
            ],
            details: [
                "The drains are blocked with leaves and nobody clears them.", "Our insurance doubled after the last flood.",
                "The sandbags arrived after the water had already come in.", "The car park at {landmark} turns into a lake.",
                "Nobody told us the flood warning had been issued.",
            ],
            asks: [
                "Please clear the gullies before the autumn, not after.", "Send flood warnings by text as well as online.",
                "Keep sandbags in the ward so we can get them in time.", "Tell us what the flood defence plan is for our street.",
            ],
            praise: [
                "The flood wardens on {street} knocked on every door when the river rose.",
                "Since the drains were cleared on {street} we have had no flooding.",
            ]),
        Voice(
            theme: "Mental health",
            openings: [
                "My son has been struggling with anxiety since school.", "I have had depression on and off for years.",
                "As a carer for my husband I am worn out.", "I tried to get help for my daughter last year.",
            ],
            details: [
                "The waiting list for talking therapy is over six months.", "We only got help when it reached a crisis.",
                "The GP gave me tablets and a leaflet and that was it.", "The crisis line was kind but could not send anyone.",
                "There is nothing local in the evenings when it is worst.",
            ],
            asks: [
                "Please cut the waiting times, or at least tell us how long they are.",
                "A drop-in at {landmark} where you can just turn up would help.",
                "Support groups should be in the evening for people who work.", "Fund more peer support, it works.",
            ],
            praise: [
                "The peer support group at {landmark} saved me, honestly.",
                "The wellbeing café at {landmark} is a lifeline on a Friday night.",
                "The mental health nurse at the Millbrook surgery really listened.",
            ]),
        Voice(
            theme: "Access to GP services",
            openings: [
                "Getting a GP appointment is nearly impossible.", "I rang the surgery at 8am every day last week.",
                "My mum is 84 and cannot manage the online booking.", "I waited three weeks to see a doctor about my chest.",
            ],
            details: [
                "By 8.15 every appointment has gone.", "The online form is confusing and only in English.",
                "Reception staff can be short with you on the phone.", "You are told to ring 111, who tell you to ring the surgery.",
                "The surgery at {landmark} closes at lunchtime on Wednesdays.",
            ],
            asks: [
                "Please offer bookable evening and weekend appointments.", "Let people book at the desk, not just online.",
                "Put the booking guide in other languages.", "Call people back instead of leaving them on hold.",
            ],
            praise: [
                "The practice nurse at {landmark} was brilliant with my son.",
                "The new callback system at our surgery means I am not stuck on hold.",
                "The pharmacist on {street} sorted my prescription in ten minutes.",
            ]),
        Voice(
            theme: "Healthy weight",
            openings: [
                "Eating well on our budget is hard.", "My children are always hungry after school.",
                "I want to get fitter but cannot afford the gym.", "There is a takeaway on every corner of {street}.",
            ],
            details: [
                "Fresh fruit and veg cost far more than chips.", "The leisure centre is too expensive for a family of five.",
                "The only shop near {estate} sells mostly crisps and fizzy drinks.",
                "The school dinners are fine but the portions are small.",
            ],
            asks: [
                "Please bring back a fruit and veg stall at {landmark}.", "Cheaper family swim tickets would get us all active.",
                "Cooking classes for families would help.", "Keep the free holiday meals going.",
            ],
            praise: [
                "The free swimming sessions for children at the leisure centre are great.",
                "The community fridge at {landmark} means nothing goes to waste.",
                "The walking group from {landmark} got me moving again.",
            ]),
        Voice(
            theme: "Social isolation",
            openings: [
                "Since my wife died I do not speak to anyone for days.", "My neighbour in {estate} is 90 and lives alone.",
                "I moved here last year and do not know anyone.", "Lots of older people on {street} never go out.",
            ],
            details: [
                "The lunch club at {landmark} closed and nothing replaced it.", "The buses are too hard to manage with a walking frame.",
                "There is nothing in the evenings or at weekends.", "Everything has moved online and I do not have a computer.",
            ],
            asks: [
                "A befriending phone call once a week would make a big difference.", "Please bring back the lunch club.",
                "A community minibus would get people out of the house.", "Put up posters about what is on, not just post it online.",
            ],
            praise: [
                "The coffee morning at {landmark} is the best part of my week.",
                "The befriender who rings me on Tuesdays has become a real friend.",
            ]),
        Voice(
            theme: "Repairs",
            openings: [
                "We reported a leak in the bathroom in March.", "Our boiler broke down in January.",
                "The front door of the block in {estate} has not locked for weeks.", "I have been chasing a repair for months.",
            ],
            details: [
                "Nobody has come out, and each time we ring we start again.", "The repairs line kept me on hold for an hour.",
                "The contractor came, looked and said someone else would come back.", "We were three weeks without heating or hot water.",
            ],
            asks: [
                "Please give us a date and stick to it.", "Text us when the repair is booked and when it is done.",
                "Fix it properly the first time.", "One person to deal with, not a different one each call.",
            ],
            praise: [
                "Once the contractor turned up he did a really good job.",
                "The caretaker in {estate} sorts small things the same day.",
            ]),
        Voice(
            theme: "Affordability",
            openings: [
                "Our rent has gone up again.", "My son is 28 and still living at home.", "We have been on the housing list for six years.",
                "I grew up on {street} and cannot afford to live here now.",
            ],
            details: [
                "Rent takes more than half of what we both earn.", "Shared ownership is not affordable either.",
                "The new flats by {landmark} are all sold to investors.", "The deposit alone is more than we can save in a year.",
            ],
            asks: [
                "Please build homes local people can actually afford.", "Cap rents on the new developments.",
                "Give local families priority on new homes.", "Help young people with deposits.",
            ],
            praise: [
                "The new council homes at {estate} went to local families, which was right.",
                "The housing advice session at {landmark} helped us keep our tenancy.",
            ]),
        Voice(
            theme: "Damp and mould",
            openings: [
                "There is black mould in the children's bedroom.", "Our flat in {estate} is damp all year round.",
                "Every winter the walls in our bedroom go black.", "My daughter has asthma and the mould is making it worse.",
            ],
            details: [
                "They came and painted over it and it was back in a month.", "We keep the windows open even in January and it does not help.",
                "Our clothes in the wardrobe are ruined with mildew.", "The extractor fan in the bathroom has never worked.",
                "The landlord says it is our fault for drying washing inside.",
            ],
            asks: [
                "Please fix the cause, not just paint over it.", "Check every flat in the block, not just ours.",
                "Move us while the work is done.", "Take the doctor's letter seriously.",
            ],
            praise: [
                "The new ventilation in our flat has finally stopped the mould.",
                "The damp surveyor explained everything and the work was done in a fortnight.",
            ]),
        Voice(
            theme: "Homelessness",
            openings: [
                "More people are sleeping rough near {landmark}.", "My brother was homeless for most of last year.",
                "We were evicted when the landlord sold up.", "I am sofa-surfing with friends.",
            ],
            details: [
                "The hostel did not feel safe, especially for women.", "We were put in a B&B miles from the children's school.",
                "Nobody tells you what help you can get until it is too late.", "There are tents by the car park at {landmark} every night.",
            ],
            asks: [
                "Please help people before they lose their home.", "Keep families near their schools.", "Open a safe space just for women.",
                "More outreach workers at night.",
            ],
            praise: [
                "The outreach team found my brother a bed the same night.",
                "The housing officer who helped us was patient and kind.",
            ]),
        Voice(
            theme: "Buses",
            openings: [
                "I rely on the bus to get to work.", "The bus from {landmark} to the hospital is a nightmare.",
                "As a wheelchair user I depend on the buses.", "Getting anywhere on a Sunday is impossible.",
            ],
            details: [
                "The 42 stops running after 7pm so I cannot get home from my shift.", "It only runs once an hour and is often cancelled.",
                "The stop on {street} has no shelter and no seat.", "Buses on Sundays just do not turn up.",
                "The fare has gone up again and there is no day ticket.",
            ],
            asks: [
                "Please run the buses later in the evening.", "Put a shelter and a seat at the stop on {street}.",
                "Bring back a Sunday service to the hospital.", "Show real arrival times at the stops.",
            ],
            praise: [
                "The new electric buses are quiet and clean.", "The driver on the 7 always waits for my mum to sit down.",
                "The £2 fare cap has made a real difference to us.",
            ]),
        Voice(
            theme: "Walking and cycling",
            openings: [
                "I cycle to work every day.", "We walk the children to school along {street}.",
                "I would love to cycle more but it feels too dangerous.", "I walk everywhere because I do not drive.",
            ],
            details: [
                "The cycle lane just stops at the roundabout.", "There is nowhere safe to lock a bike in town.",
                "The towpath is too dark to walk at night.", "The pavement on {street} is too narrow for a pushchair.",
            ],
            asks: [
                "Please join up the cycle lanes.", "Put secure bike parking at {landmark}.", "Light the path from the station.",
                "Widen the pavements near the schools.",
            ],
            praise: [
                "The new crossing on {street} makes walking to school much safer.",
                "The cycle training for my daughter was brilliant.",
            ]),
        Voice(
            theme: "Road safety",
            openings: [
                "Cars race down {street} every morning.", "I am scared crossing the road outside {landmark}.",
                "There was another accident on {street} last month.", "My son was nearly hit outside school.",
            ],
            details: [
                "Drivers ignore the 20mph limit completely.", "There is no crossing anywhere near the shops.",
                "Parents park on the zigzags at school time.", "The junction by {landmark} has no proper lights.",
            ],
            asks: [
                "Please put in a zebra crossing.", "A speed camera or speed bumps would slow them down.",
                "Close the road outside the school at drop-off time.", "Enforce the parking on the zigzags.",
            ],
            praise: [
                "The 20mph limit has made our street much calmer.",
                "The school street scheme outside Northgate Primary works really well.",
            ]),
        Voice(
            theme: "Parking",
            openings: [
                "Parking on {street} is a constant battle.", "I run a shop on {street}.",
                "As a blue badge holder I struggle to park anywhere near {landmark}.", "Commuters fill our road every weekday.",
            ],
            details: [
                "People park all day and walk to the station.", "The blue badge bays are always taken by people without badges.",
                "Parking charges are driving customers away from the high street.", "Vans park on the pavement so wheelchairs cannot get past.",
            ],
            asks: [
                "Please bring in a residents' parking zone.", "Check the blue badge bays more often.",
                "Give the first hour free to help local shops.", "Stop pavement parking.",
            ],
            praise: ["The new residents' permit scheme has sorted out our road."]),
        Voice(
            theme: "Anti-social behaviour",
            openings: [
                "Things have got worse round {estate} this year.", "I do not feel safe walking past the St Anne's parade in the evening.",
                "The noise from the flat upstairs goes on all night.", "Our stairwell in {estate} is used as a hangout.",
            ],
            details: [
                "Groups on motorbikes race round the estate late at night.", "Reporting it online goes nowhere.",
                "Windows on the bus shelter have been smashed three times.", "People are drinking and shouting outside until 2am.",
            ],
            asks: [
                "Please get the police to walk round more often.", "Tell us what happens when we report something.",
                "Fix the door entry so people cannot just walk in.", "Give young people somewhere else to go.",
            ],
            praise: ["The neighbourhood officer came to our residents' meeting and followed up every point."]),
        Voice(
            theme: "Drugs",
            openings: [
                "There is dealing out in the open near {landmark}.", "I found needles in the stairwell of {estate} again.",
                "My nephew got caught up in county lines.", "Everyone on {street} knows which flat is dealing.",
            ],
            details: [
                "Cars pull up, swap something and drive off.", "The children walk past it on the way to school.",
                "The young people's drug service is hard to find.", "Nobody seems to do anything when we report it.",
            ],
            asks: [
                "Please act on what residents report.", "Put sharps bins where people can use them safely.",
                "More help for young people before they are drawn in.", "Close the flat down.",
            ],
            praise: ["The drug and alcohol service at {landmark} helped my brother get clean."]),
        Voice(
            theme: "Feeling safe at night",
            openings: [
                "I finish work at 10pm and walk home along {street}.", "As a woman I do not go out after dark round here.",
                "I avoid {park} completely at night.", "Walking back from the station at night is frightening.",
            ],
            details: [
                "The street lights on {street} have been out for weeks.", "The underpass has no lighting and smells of urine.",
                "There is nobody about and no CCTV.", "Overgrown hedges make the path feel like a trap.",
            ],
            asks: [
                "Please fix the lights quickly when they go out.", "Light the path through {park}.",
                "More police on foot in the evenings.", "Cut back the hedges on the path.",
            ],
            praise: ["The new lighting on {street} has made a huge difference to how safe I feel."]),
        Voice(
            theme: "Youth services",
            openings: [
                "I am 15 and there is nothing to do round here.", "My teenage son just hangs around {landmark}.",
                "Young people on {estate} get blamed for everything.", "The kids on our road have nowhere to go in the evenings.",
            ],
            details: [
                "The youth club shut two years ago.", "Everything costs money and most of us do not have any.",
                "There is nowhere warm and dry to just hang out.", "The only things on are in town and the bus is too expensive.",
            ],
            asks: [
                "Please open a youth club again, even two nights a week.", "Free activities in the school holidays.",
                "Ask young people what they want, we have ideas.", "Somewhere we can go that is free and safe.",
            ],
            praise: [
                "The summer activities programme at {landmark} was brilliant.",
                "The youth workers at {landmark} actually listen to us.",
            ]),
        Voice(
            theme: "Schools",
            openings: [
                "My daughter's class at {landmark} has 32 children.", "The school run along {street} is chaos.",
                "We could not get a place at our nearest school.", "I have three children at three different schools.",
            ],
            details: [
                "The classrooms are overcrowded and the building leaks.", "Traffic at drop-off is dangerous.",
                "The nearest school with a place is two buses away.", "Uniform and trips cost more than we can afford.",
            ],
            asks: [
                "Please put in more school places locally.", "A school street at drop-off would make it safer.",
                "Help with uniform costs.", "Keep the breakfast club going.",
            ],
            praise: ["The breakfast club at {landmark} is a godsend for working parents."]),
        Voice(
            theme: "SEND support",
            openings: [
                "My son is autistic and has an EHCP.", "We waited two years for an EHCP assessment.",
                "Our daughter has complex needs.", "As a parent of a child with SEND I feel like I am fighting all the time.",
            ],
            details: [
                "There is no local school place that meets his needs.", "We have to chase every single appointment.",
                "The transport to his special school keeps being cancelled.", "Nobody explains what we are entitled to.",
            ],
            asks: [
                "Please speed up the assessments.", "More specialist places in the borough.",
                "One named person who knows our child.", "Make school transport reliable.",
            ],
            praise: ["The SEND parent forum at {landmark} is the only place we get straight answers."]),
        Voice(
            theme: "Jobs",
            openings: [
                "I have been looking for work for eight months.", "I left school last year with few qualifications.",
                "I am over 50 and nobody will interview me.", "I work two part-time jobs.",
            ],
            details: [
                "The jobs that are advertised do not pay enough to live on.", "Apprenticeships are hard to find locally.",
                "Most jobs are on zero-hours contracts.", "Childcare costs more than I would earn.",
            ],
            asks: [
                "Please bring better-paid jobs to the borough.", "More apprenticeships with local employers.",
                "Help with childcare so parents can work.", "A job club at {landmark} in the evenings.",
            ],
            praise: ["The job club at {landmark} helped me write my CV and I got an interview."]),
        Voice(
            theme: "Cost of living",
            openings: [
                "We are choosing between heating and eating.", "My energy bills have doubled.",
                "I work full time and still use the food bank.", "Everything costs more and our wages have not moved.",
            ],
            details: [
                "The food bank at {landmark} is the only reason we get by.", "We sit under blankets in the evening to save on heating.",
                "I skip meals so the children can eat.", "The pre-payment meter eats our money.",
            ],
            asks: [
                "Please keep the warm spaces open all winter.", "Tell people what help they can claim, in plain English.",
                "Support in other languages, not just English.", "More help with energy bills.",
            ],
            praise: [
                "The warm space at {landmark} was a lifeline last winter.",
                "The money advice worker found us benefits we did not know we could claim.",
            ]),
        Voice(
            theme: "High streets",
            openings: [
                "{street} used to be busy.", "I have had a shop on {street} for 20 years.", "There is no reason to go into town any more.",
                "The parade by {landmark} is half empty.",
            ],
            details: [
                "Too many shops are empty and boarded up.", "The rates are too high for small shops.",
                "There is nowhere to sit or meet people.", "It is all betting shops and vape shops now.",
            ],
            asks: [
                "Please let the empty shops to local businesses cheaply.", "Put on events to bring people back.",
                "More benches and greenery on {street}.", "Free parking for the first hour.",
            ],
            praise: ["The Saturday market at {landmark} brings people in."]),
    ]

    /// The kind of insight the text reads as, for the few recorders who write notes rather than quotes.
    static let notePrefixes = ["At the drop-in people said: ", "Group discussion: ", "Several residents said: ", "From the survey: "]

    /// One comment in a theme's voice, with places in ward `ward` (an index into `places`).
    static func compose(_ v: Voice, ward: Int, _ rng: inout SeededRandom) -> String {
        let text: String
        if !v.praise.isEmpty && rng.int(0...5) == 0 {
            text = rng.pick(v.praise)
        } else {
            var parts = [rng.pick(v.openings), rng.pick(v.details)]
            if rng.int(0...2) > 0 { parts.append(rng.pick(v.asks)) }
            text = parts.joined(separator: " ")
        }
        let p = places[ward % places.count]
        return text.replacingOccurrences(of: "{park}", with: p.park).replacingOccurrences(of: "{street}", with: p.street)
            .replacingOccurrences(of: "{estate}", with: p.estate).replacingOccurrences(of: "{landmark}", with: p.landmark)
    }

    static func seed(on db: any Database, count: Int = 20_000, today: Day) async throws -> Int {
        var rng = SeededRandom(state: 20_261_125)
        let wards = try await Place.query(on: db).filter(\.$kind == PlaceKind.ward.rawValue).sort(\.$code).all()
        let themes = Dictionary(try await Theme.query(on: db).all().map { ($0.name, $0.id!) }, uniquingKeysWith: { a, _ in a })
        let audiences = try await Audience.query(on: db).sort(\.$name).all().compactMap(\.id)
        let orgs = try await Organisation.query(on: db).sort(\.$name).all().compactMap(\.id)
        let recorders = try await Person.query(on: db).filter(
            \.$role ~~ [Role.officer.rawValue, Role.partnershipAdmin.rawValue, Role.insightAnalyst.rawValue]
        )
        .sort(\.$email).all()
        let activities = try await Activity.query(on: db).filter(
            \.$status ~~ [ActivityStatus.closed.rawValue, ActivityStatus.reported.rawValue, ActivityStatus.open.rawValue]
        )
        .sort(\.$startDay).all()
        // What each activity is about (its topic's themes, from its title) and where (its wards, by index).
        let wardIndex = Dictionary(uniqueKeysWithValues: wards.enumerated().map { ($1.id!, $0) })
        var activityWards: [UUID: [Int]] = [:]
        for link in try await ActivityPlace.query(on: db).filter(\.$activity.$id ~~ activities.compactMap(\.id)).all() {
            if let w = wardIndex[link.$place.id] { activityWards[link.$activity.id, default: []].append(w) }
        }
        let voiceByTheme = Dictionary(voices.map { ($0.theme, $0) }, uniquingKeysWith: { a, _ in a })
        func subject(_ a: Activity) -> [Voice] {
            DemoActivities.topics.first { a.title.hasPrefix($0.0 + " ") }?.2.compactMap { voiceByTheme[$0] } ?? []
        }
        var items: [InsightService.Clean] = []
        items.reserveCapacity(count)
        for i in 0..<count {
            let activity: Activity? = rng.int(0...2) == 0 ? nil : activities.isEmpty ? nil : rng.pick(activities)
            let voice = activity.map(subject).flatMap { $0.isEmpty ? nil : $0 }.map { rng.pick($0) } ?? rng.pick(voices)
            let ward =
                activity.flatMap { activityWards[$0.id!] }.map { $0.sorted() }.flatMap { $0.isEmpty ? nil : rng.pick($0) }
                ?? rng.int(0...(wards.count - 1))
            let kind: InsightKind = rng.pick([
                .quote, .quote, .surveyAnswer, .surveyAnswer, .conversationNote, .groupSummary, .observation, .complaint,
            ])
            var text = compose(voice, ward: ward, &rng)
            if kind == .groupSummary || kind == .conversationNote { text = rng.pick(notePrefixes) + text }
            switch i % 40 {  // about one in eight carries personal data for redaction to take out
            case 0: text = "My name is \(rng.pick(DemoSeed.firstNames)) \(rng.pick(DemoSeed.lastNames)). " + text
            case 5: text += " Email me at \(rng.pick(DemoSeed.firstNames).lowercased()).\(rng.int(10...99))@example.com"
            case 10: text += " Call me on 07700 900\(rng.int(100...999))."
            case 15: text += " I live at \(rng.int(1...120)) \(places[ward % places.count].street)."
            case 20: text += " Postcode HS\(ward + 1) \(rng.int(1...9))\(rng.pick(["AB", "QT", "XY", "DN"]))."
            default: break
            }
            let heard = activity.map { Day(ordinal: min(today.ordinal, $0.startDay + rng.int(0...20))) } ?? today.adding(days: -rng.int(0...730))
            let org = activity?.$organisation.id ?? orgs[rng.int(0...(orgs.count - 1))]
            let recorder = recorders.first { $0.$organisation.id == org } ?? recorders[0]
            var equality: [String: String] = [:]
            if rng.int(0...1) == 0 {
                for q in EqualityMonitoring.questions where rng.int(0...3) > 0 { equality[q.field] = rng.pick(q.options).code }
            }
            let optIn = i % 9 == 0
            items.append(
                InsightService.Clean(
                    id: UUID(), organisationID: org, recordedBy: recorder.id, activityID: activity?.id, kind: kind,
                    sharing: i % 10 == 0 ? .organisation : (i % 4 == 0 ? .public : .partnership), heard: heard,
                    redaction: PIIRedactor.redact(text), originalText: text, placeID: wards[ward].id, postcodeSector: nil,
                    themeIDs: [themes[voice.theme]].compactMap { $0 }, audienceIDs: rng.int(0...3) == 0 ? [rng.pick(audiences)] : [],
                    peopleCount: kind == .groupSummary ? rng.int(4...30) : 1,
                    contactEmail: optIn ? "resident\(i)@example.com" : nil, feedbackOptIn: optIn, equality: equality, sourceRef: nil))
        }
        try await InsightService.insert(items, on: db)
        return items.count
    }
}
