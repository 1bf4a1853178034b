import Foundation
import Plot
import ChorusCore

/// Decision spaces for staff: the list, the set-up form, and a space's page with its members and meetings.
enum SpaceViews {
    static func list(_ m: DecisionsPages.SpaceList, _ ctx: PageContext) -> Page {
        let (spaces, canCreate) = (m.spaces, m.canCreate)
        let title = "Decision spaces"
        let body: [HNode] = [
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el(
                "p", ["class": "lead"],
                [
                    .text(
                        "Boards, committees, steering groups, scrutiny panels and service teams where what residents tell us is heard and decided on. Private spaces are listed only for their members."
                    )
                ]),
            H.el(
                "p", ["class": "actions"],
                [
                    .if(canCreate, H.link("Set up a decision space", SiteURL.Decisions.newSpace, class: "button")),
                    H.link("My actions", SiteURL.Decisions.myActions, class: "button button-secondary"),
                ]),
            Lists.table(
                spaces,
                columns: [
                    .init(header: "Name") { H.link($0.name, SiteURL.Decisions.space($0.id)) },
                    .init(header: "Kind") { .text($0.kindLabel) },
                    .init(header: "Open to") { .text($0.isPublic ? "All partners" : "Members only") },
                ], caption: title, empty: "There are no decision spaces you can see yet."),
        ]
        return Page(title: title, body: body, englishOnly: true)
    }

    static func form(_ m: DecisionsPages.SpaceForm, _ ctx: PageContext) -> Page {
        let (space, input, current, choices, errors) = (m.space, m.input, m.current, m.choices, m.errors)
        let title = space == nil ? "Set up a decision space" : "Change \(space!.name)"
        let e = ValidationFailure(errors)
        func value(_ k: String, _ fallback: String?) -> String? { input?[k] ?? fallback }
        func selected(_ k: String, _ fallback: [UUID]) -> Set<String> { Set(input?.list(k) ?? fallback.map(\.uuidString)) }
        let external = current?.members.filter { $0.personID == nil }.map { $0.name + ($0.role.map { " - \($0)" } ?? "") }.joined(separator: "\n")
        let body: [HNode] = [
            H.el("a", ["href": space.map { SiteURL.Decisions.space($0.id) } ?? SiteURL.Decisions.spaces, "class": "back-link"], [.text("Back")]),
            Form.errorSummary(errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            Form.post(
                space.map { SiteURL.Decisions.editSpace($0.id) } ?? SiteURL.Decisions.spaces, ctx,
                [
                    Form.field(
                        "name", label: "Name", control: .text(), value: value("name", space?.name), error: e.message(for: "name"), required: true),
                    Form.field(
                        "kind", label: "Kind of space",
                        control: .select(DecisionSpaceKind.allCases.map { .init($0.rawValue, $0.label) }, placeholder: "Choose"),
                        value: value("kind", space?.kind), error: e.message(for: "kind"), required: true),
                    Form.field(
                        "remit", label: "Remit", control: .textarea(rows: 4), value: value("remit", space?.remit), error: e.message(for: "remit"),
                        hint: "What it decides or oversees.", required: true),
                    Form.checkbox(
                        "is_public", label: "Open to all partners", checked: input.map { Input.isTrue($0["is_public"]) } ?? (space?.isPublic ?? true),
                        hint:
                            "Untick for a private space: its meetings, agendas, decisions and actions are seen only by its members. Decisions of private spaces never appear on public pages."
                    ),
                    Form.checkboxes(
                        "organisation_ids", legend: "Organisations", options: choices.organisations,
                        selected: selected("organisation_ids", current?.organisationIDs ?? []), error: e.message(for: "organisation_ids")),
                    Form.checkboxes(
                        "theme_ids", legend: "Themes", options: choices.themes, selected: selected("theme_ids", current?.themeIDs ?? []),
                        error: e.message(for: "theme_ids")),
                    Form.checkboxes(
                        "secretary_ids", legend: "Secretaries (run agendas, decisions and actions)", options: choices.people,
                        selected: selected("secretary_ids", current?.members.filter(\.isSecretary).compactMap(\.personID) ?? []),
                        error: e.message(for: "secretary_ids"), hint: "Leave empty and you are the secretary."),
                    Form.checkboxes(
                        "member_ids", legend: "Staff members", options: choices.people,
                        selected: selected("member_ids", current?.members.filter { !$0.isSecretary }.compactMap(\.personID) ?? []),
                        error: e.message(for: "member_ids")),
                    Form.field(
                        "external_members", label: "External members", control: .textarea(rows: 4), value: value("external_members", external),
                        error: e.message(for: "external_members"),
                        hint: "One a line, as \"Name - role\", for example \"Amina Khan - Community representative\"."),
                    Form.button(space == nil ? "Set up space" : "Save changes"),
                ]),
        ]
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }

    static func show(_ m: DecisionsPages.SpacePage, _ ctx: PageContext) -> Page {
        let (space, access, d, errors, input, notice) = (m.space, m.access, m.detail, m.errors, m.input, m.notice)
        let e = ValidationFailure(errors)
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Decisions.spaces, "class": "back-link"], [.text("Back to decision spaces")]),
            Form.errorSummary(errors, ctx),
            H.el("span", ["class": "caption"], [.text(space.kindLabel)]),
            H.el("h1", ["class": "heading-xl"], [.text(space.name)]),
            H.el("p", [:], [H.el("strong", ["class": "tag tag-grey"], [.text(space.isPublic ? "Open to all partners" : "Private: members only")])]),
            H.el("p", ["class": "lead"], [.text(space.remit)]),
            H.el(
                "dl", ["class": "summary-list"],
                [
                    H.el("dt", [:], [.text("Organisations")]), H.el("dd", [:], [.text(d.organisations.joined(separator: ", ").nilIfEmpty ?? "—")]),
                    H.el("dt", [:], [.text("Themes")]), H.el("dd", [:], [.text(d.themes.joined(separator: ", ").nilIfEmpty ?? "—")]),
                    H.el("dt", [:], [.text("Members")]),
                    H.el(
                        "dd", [:],
                        [
                            H.el(
                                "ul", ["class": "plain-list"],
                                d.members.map { m in
                                    H.el(
                                        "li", [:],
                                        [
                                            H.bdi(m.name),
                                            .text(
                                                [m.role, m.isSecretary ? "secretary" : nil, m.personID == nil ? "external" : nil]
                                                    .compactMap { $0 }.joined(separator: ", ").nilIfEmpty.map { " (\($0))" } ?? ""),
                                        ])
                                })
                        ]),
                ]),
            H.el(
                "p", ["class": "actions"],
                [
                    .if(access.canRun, H.link("Change this space", SiteURL.Decisions.editSpace(space.id), class: "button button-secondary")),
                    .if(
                        access.canRun, H.link("All actions of this space", SiteURL.Decisions.spaceActions(space.id), class: "button button-secondary")
                    ),
                ]),
            H.el("h2", ["class": "heading-m"], [.text("Meetings")]),
            Lists.table(
                d.meetings,
                columns: [
                    .init(header: "Date") { .text(DayText.long($0.day)) },
                    .init(header: "Meeting") { H.link($0.title, SiteURL.Decisions.meeting($0.id)) },
                    .init(header: "Where") { .text($0.location ?? "—") },
                ], caption: "Meetings", empty: "No meetings yet."),
        ]
        if access.canRun {
            body.append(
                H.el(
                    "div", ["class": "panel"],
                    [
                        H.el("h2", ["class": "heading-m", "id": "add-meeting"], [.text("Add a meeting")]),
                        Form.post(
                            SiteURL.Decisions.meetings(space.id), ctx,
                            [
                                Form.field(
                                    "title", label: "Meeting title", control: .text(), value: input?["title"], error: e.message(for: "title"),
                                    required: true),
                                Form.field(
                                    "meets_on", label: "Date", control: .text(type: "date", width: "10"), value: input?["meets_on"],
                                    error: e.message(for: "meets_on"),
                                    hint: "For example, 2027-03-14", required: true),
                                Form.field(
                                    "location", label: "Where (optional)", control: .text(), value: input?["location"],
                                    error: e.message(for: "location")),
                                Form.button("Add meeting", secondary: true),
                            ]),
                    ]))
        }
        return Page(title: space.name, body: body, status: errors.isEmpty ? .ok : .badRequest, notice: notice, englishOnly: true)
    }
}
