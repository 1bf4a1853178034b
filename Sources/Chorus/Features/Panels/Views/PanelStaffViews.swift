import Foundation
import Plot
import ChorusCore

/// Staff pages for panels (English; the wording of targets and feasibility comes from ChorusCore).
enum PanelStaffViews {
    static func list(_ m: PanelPages.List, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let body: [HNode] = [
            Form.errorSummary(m.errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text("Citizens' panels")]),
            Lists.table(
                m.panels,
                columns: [
                    .init(header: "Panel") { H.link($0.name, SiteURL.Panels.panel($0.id)) },
                    .init(header: "Members") { .text(NumberText.grouped($0.members)) },
                    .init(header: "Residents may join online") { .text($0.open ? "Yes" : "No") },
                ], caption: "Your organisation's panels", empty: "No panels yet."),
            H.el("h2", ["class": "heading-m", "id": "new"], [.text("Start a panel")]),
            Form.post(
                SiteURL.Panels.list, ctx,
                [
                    Form.field("name", label: "Name", control: .text(), value: m.input?["name"], error: e.message(for: "name"), required: true),
                    Form.field(
                        "intro", label: "What the panel is for (residents read this)", control: .textarea(rows: 4), value: m.input?["intro"],
                        error: e.message(for: "intro"), required: true),
                    Form.field(
                        "max_per_household", label: "People one letter's code can register", control: .text(type: "number", width: "3"),
                        value: m.input?["max_per_household"] ?? "2", error: e.message(for: "max_per_household"), required: true),
                    Form.checkbox("open", label: "Residents may join online", checked: m.input.map { Input.isTrue($0["open"]) } ?? true),
                    Form.button("Start the panel"),
                ]),
        ]
        return Page(title: "Citizens' panels", body: body, status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func panel(_ m: PanelPages.PanelPage, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let p = m.panel
        let categories = PanelProfileQuestions.categories
        let body: [HNode] = [
            Form.errorSummary(m.errors, ctx),
            H.el("a", ["href": SiteURL.Panels.list, "class": "back-link"], [.text("All panels")]),
            H.el("h1", ["class": "heading-xl"], [.text(p.name)]),
            H.el("p", [:], [.text(p.intro)]),
            H.el(
                "p", [:],
                [
                    .text(p.open ? "Residents join at " : "Closed to new online members. "),
                    p.open ? H.link(SiteURL.Panels.join(p.id), SiteURL.Panels.join(p.id)) : .text(""),
                ]),
            H.el("h2", ["class": "heading-l", "id": "members"], [.text("Members (\(NumberText.grouped(m.members.count)))")]),
            H.el("h3", ["class": "heading-m"], [.text("Who is in the pool")]),
            .group(
                categories.map { c in
                    let counts = (m.counts[c] ?? [:]).sorted { $0.key < $1.key }
                    return Lists.table(
                        counts,
                        columns: [
                            .init(header: c == PanelProfileQuestions.ward ? "Ward" : ctx.t("panels.q.\(c)")) {
                                .text(c == PanelProfileQuestions.ward ? $0.key : ctx.t("panels.a.\($0.key)"))
                            },
                            .init(header: "Members") { .text(String($0.value)) },
                        ], caption: ctx.t("panels.q.\(c)"), empty: "")
                }),
            Lists.table(
                m.members,
                columns: [
                    .init(header: "Member") { .text($0.name) },
                    .init(header: "Joined") { .text(ConsentChannel(rawValue: $0.channel)?.label ?? $0.channel) },
                    .init(header: "Ward") { .text($0.ward ?? "") },
                    .init(header: "Household code") { .text($0.household ?? "") },
                    .init(header: "When") { .text(DayText.long(Day($0.joined))) },
                ], caption: "Members", empty: "No members yet.", scrolls: true),
            H.el("h3", ["class": "heading-m", "id": "add-member"], [.text("Add a member from a paper or phone form")]),
            Form.post(
                SiteURL.Panels.members(p.id), ctx,
                [
                    Form.field("name", label: "Name", control: .text(), value: m.input?["name"], error: e.message(for: "name"), required: true),
                    Form.field(
                        "contact", label: "Email or phone", control: .text(), value: m.input?["contact"], error: e.message(for: "contact"),
                        required: true),
                    Form.field(
                        "channel", label: "How they joined",
                        control: .select(ConsentChannel.allCases.filter { $0 != .web }.map { Form.Option($0.rawValue, $0.label) }, placeholder: nil),
                        value: m.input?["channel"], error: e.message(for: "channel")),
                ] + PanelProfileFields.fields(values: m.input?.values ?? [:], wards: m.wards, errors: e, ctx) + [
                    Form.checkbox(
                        "consent", label: "They agreed to the words on the form: " + ctx.t("panels.consent.v1"), checked: false,
                        error: e.message(for: "consent")),
                    Form.button("Add the member"),
                ]),
            lettersSection(m, e, ctx),
            selectionsSection(m, e, ctx),
        ]
        return Page(title: p.name, body: body, status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func lettersSection(_ m: PanelPages.PanelPage, _ e: ValidationFailure, _ ctx: PageContext) -> HNode {
        let p = m.panel
        return .group([
            H.el("h2", ["class": "heading-l", "id": "letters"], [.text("Recruitment by letter lottery")]),
            H.el(
                "p", [:],
                [
                    .text(
                        "\(NumberText.grouped(m.letters.addresses)) addresses on the list, \(NumberText.grouped(m.letters.undrawn)) not yet drawn. "
                            + "Each letter has a code; up to \(p.maxPerHousehold) people of the household can join with it.")
                ]),
            Lists.table(
                m.letters.draws,
                columns: [
                    .init(header: "Drawn") { .text(DayText.long(Day($0.at))) },
                    .init(header: "Households") { .text(NumberText.grouped($0.households)) },
                    .init(header: "People registered") { .text(NumberText.grouped($0.registered)) },
                    .init(header: "Seed") { H.el("code", [:], [.text($0.seed)]) },
                    .init(header: "By") { .text($0.by) },
                    .init(header: "Letters") { H.link("Print the letters", SiteURL.Panels.letters(p.id, draw: $0.id)) },
                ], caption: "Draws", empty: "No households drawn yet.", scrolls: true),
            Form.post(
                SiteURL.Panels.addresses(p.id), ctx,
                [
                    Form.field(
                        "file", label: "Import addresses (CSV)", control: .file(accept: ".csv,text/csv"), value: nil, error: e.message(for: "file"),
                        hint: "Columns: postcode, and uprn or address lines (address, or address_1 to address_4, town). Rows are added in file order."
                    ),
                    Form.button("Import the addresses", secondary: true),
                ], multipart: true),
            Form.post(
                SiteURL.Panels.lottery(p.id), ctx,
                [
                    Form.field(
                        "count", label: "Households to draw", control: .text(type: "number", width: "5"), value: m.input?["count"],
                        error: e.message(for: "count"), required: true),
                    Form.field(
                        "seed", label: "Seed (optional)", control: .text(width: "20"), value: m.input?["seed"], error: e.message(for: "seed"),
                        hint: "Leave empty for a new random seed; it is recorded, so the draw can be repeated from the list."),
                    Form.button("Draw households"),
                ]),
        ])
    }

    static func selectionsSection(_ m: PanelPages.PanelPage, _ e: ValidationFailure, _ ctx: PageContext) -> HNode {
        let p = m.panel
        return .group([
            H.el("h2", ["class": "heading-l", "id": "selections"], [.text("Selections for events")]),
            Lists.table(
                m.selections,
                columns: [
                    .init(header: "Event") { H.link($0.title, SiteURL.Panels.selection($0.id)) },
                    .init(header: "Seats") { .text(String($0.panelSize)) },
                    .init(header: "Method") { .text(PanelWording.algorithm($0.algorithm)) },
                    .init(header: "Stage") { .text(PanelWording.status($0.status)) },
                ], caption: "Selections", empty: "No selections yet."),
            H.el("h3", ["class": "heading-m"], [.text("Select people for an event")]),
            Form.post(
                SiteURL.Panels.selections(p.id), ctx,
                [
                    Form.field("title", label: "Event", control: .text(), value: m.input?["title"], error: e.message(for: "title"), required: true),
                    Form.field(
                        "panel_size", label: "People to select", control: .text(type: "number", width: "3"), value: m.input?["panel_size"],
                        error: e.message(for: "panel_size"), required: true),
                    Form.field(
                        "targets", label: "Targets", control: .textarea(rows: 8), value: m.input?["targets"], error: e.message(for: "targets"),
                        hint:
                            "One line each: category,feature,min,max — for example \"sex,female,9,11\". Categories: "
                            + PanelProfileQuestions.categories.joined(separator: ", ") + "; wards by name."),
                    Form.field(
                        "census", label: "Targets from counts of residents (optional)", control: .textarea(rows: 4), value: m.input?["census"],
                        error: e.message(for: "census"),
                        hint:
                            "One line each: category,feature,count, from a Census table for the area (for example \"sex,female,51234\"); each "
                            + "category's seats are shared in proportion, ±1."),
                    Form.checkbox(
                        "ward_targets", label: "Add seats for each ward in proportion to its population (±1)",
                        checked: m.input.map { Input.isTrue($0["ward_targets"]) } ?? false, error: e.message(for: "ward_targets")),
                    Form.field(
                        "algorithm", label: "Method",
                        control: .select(PanelAlgorithm.allCases.map { Form.Option($0.rawValue, PanelWording.algorithm($0)) }, placeholder: nil),
                        value: m.input?["algorithm"], error: e.message(for: "algorithm")),
                    Form.field(
                        "sessions", label: "Session dates (optional)", control: .text(), value: m.input?["sessions"],
                        error: e.message(for: "sessions"),
                        hint: "YYYY-MM-DD, separated by commas: attendance is recorded for each."),
                    Form.field(
                        "pool_rule", label: "Who is in the draw",
                        control: .select(
                            [
                                Form.Option(PanelAvailabilityService.PoolRule.all.rawValue, "Every member"),
                                Form.Option(PanelAvailabilityService.PoolRule.available.rawValue, "Only members who say they can come"),
                            ], placeholder: nil), value: m.input?["pool_rule"], error: e.message(for: "pool_rule")),
                    Form.checkbox(
                        "keep_households_apart", label: "At most one person from a household",
                        checked: m.input.map { Input.isTrue($0["keep_households_apart"]) } ?? false),
                    Form.button("Create the selection"),
                ]),
        ])
    }

    static func selection(_ m: PanelPages.Selection, _ ctx: PageContext) -> Page {
        let i = m.info
        let e = ValidationFailure(m.errors)
        var body: [HNode] = [
            Form.errorSummary(m.errors, ctx),
            H.el("a", ["href": SiteURL.Panels.panel(i.panelID) + "#selections", "class": "back-link"], [.text(i.panelName)]),
            H.el("h1", ["class": "heading-xl"], [.text(i.title)]),
            H.el(
                "p", [:],
                [
                    .text(
                        "\(PanelWording.status(i.status)). \(i.panelSize) seats from a pool of \(NumberText.grouped(m.poolSize)), by "
                            + PanelWording.algorithm(i.algorithm) + (i.keepHouseholdsApart ? ", one person per household at most." : ".")
                    )
                ]),
            H.el("h2", ["class": "heading-m"], [.text("Targets")]),
            PanelWording.targetsTable(i.targets + m.added),
        ]
        if !m.added.isEmpty {
            body.append(
                H.el("p", ["class": "hint"], [.text("Lines with 0 to \(i.panelSize) were added for answers in the pool that the targets leave out.")])
            )
        }
        if let f = m.feasibility { body.append(PanelWording.feasibility(f)) }
        if let problem = m.feasibilityError { body.append(H.el("p", ["class": "error-message"], [.text(problem)])) }
        if i.status == .draft, i.poolRule == .available { body.append(availabilitySection(m, e, ctx)) }
        switch i.status {
        case .draft:
            body.append(
                Form.post(
                    SiteURL.Panels.publish(i.id), ctx,
                    [
                        H.el(
                            "p", [:],
                            [
                                .text(
                                    "Publishing freezes the pool (everyone on the panel now, under pseudonyms) and the targets as two files, and shows "
                                        + "their SHA-256 on a public page before the draw.")
                            ]),
                        .unwrap(e.message(for: "publish")) { H.el("p", ["class": "error-message"], [.text($0)]) },
                        Form.button("Publish the pool and targets"),
                    ]))
        case .published:
            body.append(H.el("p", [:], [.text("Published. "), H.link("The public audit page", SiteURL.Panels.audit(i.id))]))
            body.append(
                Form.post(
                    SiteURL.Panels.draw(i.id), ctx,
                    [
                        Form.field(
                            "seed", label: "Seed (optional)", control: .text(width: "20"), value: nil, error: e.message(for: "seed"),
                            hint: "A number announced in advance (for example a lottery result), or empty for a new random one."),
                        Form.button("Run the draw"),
                    ]))
        case .drawn:
            body.append(
                H.el(
                    "p", [:],
                    [
                        .text("Drawn with seed \(i.seed ?? "") in \(String(format: "%.1f", i.seconds ?? 0)) s. "),
                        H.link("The public audit page", SiteURL.Panels.audit(i.id)),
                    ]))
            body.append(selectedTable(m, e, ctx))
        }
        return Page(title: i.title, body: body, status: m.errors.isEmpty ? .ok : .badRequest)
    }

    /// Draft whose pool is those who can come: the answers so far, asking by email, recording a paper or phone answer.
    static func availabilitySection(_ m: PanelPages.Selection, _ e: ValidationFailure, _ ctx: PageContext) -> HNode {
        let yes = m.availability.filter { $0.answer == true }.count
        let no = m.availability.filter { $0.answer == false }.count
        return .group([
            H.el("h2", ["class": "heading-m", "id": "availability"], [.text("Who can come")]),
            H.el(
                "p", [:],
                [.text("\(yes) can come, \(no) cannot, \(m.availability.count - yes - no) not answered. Only those who can come are in the draw.")]),
            .unwrap(e.message(for: "ask")) { H.el("p", ["class": "error-message"], [.text($0)]) },
            Form.post(SiteURL.Panels.ask(m.info.id), ctx, [Form.button("Ask members by email", secondary: true)]),
            Form.post(
                SiteURL.Panels.availability(m.info.id), ctx,
                [
                    Form.field(
                        "member_id", label: "An answer given on paper or by phone",
                        control: .select(m.availability.map { Form.Option($0.id.uuidString, $0.name) }, placeholder: ""), value: nil,
                        error: e.message(for: "member_id")),
                    Form.field(
                        "available", label: "Can they come?",
                        control: .select([Form.Option("yes", "Yes"), Form.Option("no", "No")], placeholder: nil),
                        value: nil, error: nil),
                    Form.button("Record the answer", secondary: true),
                ]),
        ])
    }

    static func selectedTable(_ m: PanelPages.Selection, _ e: ValidationFailure, _ ctx: PageContext) -> HNode {
        let seated = m.people.filter { $0.status != PanelSelectionService.PersonStatus.pool.rawValue }
        return .group([
            H.el("h2", ["class": "heading-l", "id": "selected"], [.text("Selected (\(seated.count))")]),
            .unwrap(e.message(for: "replace")) { H.el("p", ["class": "error-message"], [.text($0)]) },
            Lists.table(
                seated,
                columns: [
                    .init(header: "Pseudonym") { H.link($0.pseudonym, SiteURL.Panels.person(m.info.id, $0.id)) },
                    .init(header: "Name") { .text($0.name ?? "Left the panel") },
                    .init(header: "Chance of selection") { .text(PanelWording.percent($0.probability)) },
                    .init(header: "What happened") { .text(PanelWording.personStatus($0.status)) },
                    .init(header: "Access needs") { .text($0.accessNeeds ?? "") },
                ], caption: "Selected people", empty: "Nobody selected.", scrolls: true),
            H.el("p", [:], [H.link("Payments for finance (CSV)", SiteURL.Panels.paymentsCSV(m.info.id))]),
            Form.post(SiteURL.Panels.replace(m.info.id), ctx, [Form.button("Replace those who withdrew or declined", secondary: true)]),
        ])
    }

    static func letters(_ m: PanelPages.Letters, _ ctx: PageContext) -> Page {
        Page(
            title: "Letters: \(m.panel.name)",
            body: [
                H.el("a", ["href": SiteURL.Panels.panel(m.panel.id) + "#letters", "class": "back-link no-print"], [.text(m.panel.name)]),
                H.el("h1", ["class": "heading-xl no-print"], [.text("\(m.letters.count) letters")]),
                H.el("p", ["class": "no-print"], [.text("Print this page: each letter starts on a new page.")]),
                .group(
                    m.letters.map { l in
                        H.el(
                            "section", ["class": "letter"],
                            [
                                H.el("p", [:], [.text(l.address), H.void("br", [:]), .text(l.postcode)]),
                                H.el("h2", ["class": "heading-m"], [.text("You are invited to join the \(m.panel.name)")]),
                                H.el("p", [:], [.text(m.panel.intro)]),
                                H.el(
                                    "p", [:],
                                    [
                                        .text(
                                            "Your household was picked at random. Up to \(m.panel.maxPerHousehold) people who live here can join at "
                                                + "\(m.baseURL)\(SiteURL.Panels.publicList) with this code: "),
                                        H.el("strong", [:], [.text(l.code)]),
                                    ]),
                            ])
                    }),
            ])
    }
}
