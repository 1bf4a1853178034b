import Foundation
import Plot
import ChorusCore

/// Partnership admins' pages for residents' data (English, as staff pages are).
enum ResidentStaffViews {
    struct ListModel: Sendable {
        let query: String
        let found: [DataRequestService.Found]
        let input: [String: String]
        let errors: [FieldError]
    }

    static func list(_ m: ListModel, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        return Page(
            title: "Residents",
            body: [
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text("Residents")]),
                H.el(
                    "p", ["class": "lead"],
                    [.text("Find a resident who asked about their data, or register someone who has no email so you can act for them.")]),
                H.el(
                    "form", ["method": "get", "action": SiteURL.Residents.staffList, "class": "filter-bar"],
                    [
                        Form.field("q", label: "Email address or reference", control: .text(), value: m.query, error: nil),
                        Form.button("Find", secondary: true),
                    ]),
                .if(
                    !m.query.isEmpty,
                    m.found.isEmpty
                        ? H.el("p", [:], [.text("No resident has that email address or reference.")])
                        : H.el(
                            "ul", ["class": "plain-list"],
                            m.found.map { f in
                                H.el(
                                    "li", [:],
                                    [
                                        H.link(f.reference, SiteURL.Residents.staffResident(f.id)),
                                        .text(" " + [f.name, f.email].compactMap { $0 }.joined(separator: ", ")),
                                    ])
                            })),
                H.el("h2", ["class": "heading-m", "id": "register"], [.text("Register a resident without email")]),
                Form.post(
                    SiteURL.Residents.staffList, ctx,
                    [
                        Form.field("name", label: "Name", control: .text(), value: m.input["name"], error: e.message(for: "name"), required: true),
                        Form.field(
                            "phone", label: "Phone (optional)", control: .text(type: "tel"), value: m.input["phone"], error: e.message(for: "phone")),
                        Form.field(
                            "email", label: "Email address (optional)", control: .text(type: "email"), value: m.input["email"],
                            error: e.message(for: "email")),
                        Form.field(
                            "language", label: "Language",
                            control: .select(UILanguage.all.map { Form.Option($0.code, $0.nativeName) }, placeholder: nil),
                            value: m.input["language"], error: nil),
                        Form.button("Register"),
                    ]),
                H.el(
                    "p", [:],
                    [H.link("Data requests", SiteURL.Residents.requests), .text(" · "), H.link("Retention periods", SiteURL.Residents.retention)]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    struct ResidentModel: Sendable {
        let id: UUID
        let profile: ResidentAccountService.Profile
        let consents: [ResidentAccountService.Consent]
        let records: [ExportedRecord]
        let errors: [FieldError]
    }

    static func resident(_ m: ResidentModel, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let p = m.profile
        return Page(
            title: "Resident \(p.reference)",
            body: [
                Form.errorSummary(m.errors, ctx),
                H.el("a", ["href": SiteURL.Residents.staffList, "class": "back-link"], [.text("Residents")]),
                H.el("h1", ["class": "heading-xl"], [.text("Resident \(p.reference)")]),
                .if(p.assisted, H.el("p", [:], [H.el("strong", ["class": "tag"], [.text("Registered by staff")])])),
                H.el("h2", ["class": "heading-m"], [.text("Consents")]),
                m.consents.isEmpty
                    ? H.el("p", [:], [.text("None.")])
                    : H.el(
                        "ul", ["class": "plain-list"],
                        m.consents.map { c in
                            H.el(
                                "li", [:],
                                [
                                    .text(
                                        "\(c.purpose) v\(c.version), \(ConsentChannel(rawValue: c.channel)?.label ?? c.channel), \(DayText.long(Day(c.givenAt)))"
                                    ),
                                    .unwrap(c.recordedBy) { .text(", recorded by \($0)") },
                                    .unwrap(c.withdrawnAt) { .text(", withdrawn \(DayText.long(Day($0)))") },
                                ])
                        }),
                H.el("h3", ["class": "heading-m", "id": "consent"], [.text("Record a consent given on paper, by phone or in person")]),
                Form.post(
                    SiteURL.Residents.staffConsent(m.id), ctx,
                    [
                        Form.field(
                            "purpose", label: "What they agreed to",
                            control: .select(
                                ConsentPurpose.all.map { Form.Option($0.key, Catalogue.text($0.labelKey, .english)) }, placeholder: "Choose"),
                            value: nil, error: e.message(for: "purpose"),
                            hint: "The wording stored is the current wording in the language below: read it to them, or use the paper form with it."),
                        Form.field(
                            "channel", label: "How they agreed",
                            control: .select(
                                ConsentChannel.allCases.filter { $0 != .web }.map { Form.Option($0.rawValue, $0.label) }, placeholder: "Choose"),
                            value: nil, error: e.message(for: "channel")),
                        Form.field(
                            "language", label: "Language of the wording",
                            control: .select(UILanguage.all.map { Form.Option($0.code, $0.nativeName) }, placeholder: nil), value: p.language,
                            error: nil),
                        Form.button("Record consent"),
                    ]),
                H.el("h3", ["class": "heading-m", "id": "equality"], [.text("Record equality answers given on paper, by phone or in person")]),
                Form.post(
                    SiteURL.Residents.staffEquality(m.id), ctx,
                    EqualityMonitoring.questions.map { q in
                        Form.field(
                            q.field, label: q.question,
                            control: .select(q.options.map { Form.Option($0.code, $0.label) }, placeholder: "Not answered"),
                            value: nil, error: e.message(for: q.field))
                    } + [
                        Form.field(
                            "channel", label: "How they answered",
                            control: .select(
                                ConsentChannel.allCases.filter { $0 != .web }.map { Form.Option($0.rawValue, $0.label) }, placeholder: "Choose"),
                            value: nil, error: e.message(for: "equality-channel"), id: "f-equality-channel"),
                        Form.checkboxes(
                            "consent", legend: "Their consent",
                            options: [
                                Form.Option("yes", "They agreed to: " + Catalogue.text(ConsentPurpose.equalityMonitoring.wordingKey, .english))
                            ],
                            selected: [], error: e.message(for: "consent"), columns: false),
                        Form.button("Record answers"),
                    ]),
                H.el("h2", ["class": "heading-m"], [.text("Their data")]),
                ResidentViews.records(m.records, ctx),
                H.el("p", [:], [H.link("Download their data (zip)", SiteURL.Residents.staffDownload(m.id), class: "button")]),
                H.el("h2", ["class": "heading-m", "id": "erase"], [.text("Erase")]),
                Form.post(
                    SiteURL.Residents.staffErase(m.id), ctx,
                    [
                        Form.checkboxes(
                            "contributions", legend: "What they contributed",
                            options: [Form.Option("remove", "Remove what they contributed as well")],
                            selected: [], error: nil, columns: false),
                        Form.checkboxes(
                            "confirm", legend: "Confirm", options: [Form.Option("yes", "Erase this resident's account and details now")],
                            selected: [],
                            error: e.message(for: "confirm"), columns: false),
                        Form.button("Erase", warning: true),
                    ]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    struct RequestsModel: Sendable {
        let requests: [DataRequestService.Summary]
        let today: Day
        let input: [String: String]
        let errors: [FieldError]
    }

    static func requests(_ m: RequestsModel, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        return Page(
            title: "Data requests",
            body: [
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text("Data requests")]),
                H.el(
                    "p", ["class": "lead"],
                    [
                        .text(
                            "Subject access and erasure requests received by letter, phone or email. Each must be answered within one calendar month."
                        )
                    ]),
                Lists.table(
                    m.requests,
                    columns: [
                        .init(header: "Received") { .text(DayText.long($0.received)) },
                        .init(header: "Kind") { H.link($0.kind.label, SiteURL.Residents.request($0.id)) },
                        .init(header: "Who asked") { .text($0.requester) },
                        .init(header: "Due") { r in status(r, today: m.today) },
                    ], caption: "Requests, open first", empty: "No requests recorded."),
                H.el("h2", ["class": "heading-m", "id": "new"], [.text("Record a request")]),
                Form.post(
                    SiteURL.Residents.requests, ctx,
                    [
                        Form.field(
                            "kind", label: "Kind of request",
                            control: .select(DataRequestService.Kind.allCases.map { Form.Option($0.rawValue, $0.label) }, placeholder: "Choose"),
                            value: m.input["kind"], error: e.message(for: "kind"), required: true),
                        Form.field(
                            "requester", label: "Who asked, and how", control: .text(), value: m.input["requester"],
                            error: e.message(for: "requester"),
                            hint: "For example: Ms A Khan, by letter", required: true),
                        Form.field(
                            "who", label: "Their email address or reference", control: .text(), value: m.input["who"], error: e.message(for: "who"),
                            required: true),
                        Form.field(
                            "received", label: "Date received", control: .text(type: "date"), value: m.input["received"],
                            error: e.message(for: "received"),
                            hint: "Leave empty for today"),
                        Form.button("Record request"),
                    ]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    private static func status(_ r: DataRequestService.Summary, today: Day) -> HNode {
        if r.closedAt != nil { return .text("Closed") }
        let late = r.due < today
        return H.el("span", ["class": late ? "tag" : nil], [.text((late ? "Overdue: " : "") + DayText.long(r.due))])
    }

    static func request(_ r: DataRequestService.Summary, today: Day, errors: [FieldError], _ ctx: PageContext) -> Page {
        Page(
            title: r.kind.label,
            body: [
                Form.errorSummary(errors, ctx),
                H.el("a", ["href": SiteURL.Residents.requests, "class": "back-link"], [.text("Data requests")]),
                H.el("h1", ["class": "heading-xl"], [.text(r.kind.label)]),
                H.el(
                    "dl", ["class": "summary-list"],
                    [
                        H.el("dt", [:], [.text("Who asked")]), H.el("dd", [:], [.text(r.requester)]),
                        H.el("dt", [:], [.text("Email")]), H.el("dd", [:], [.text(r.email ?? "—")]),
                        H.el("dt", [:], [.text("Received")]), H.el("dd", [:], [.text(DayText.long(r.received))]),
                        H.el("dt", [:], [.text("Due")]), H.el("dd", [:], [status(r, today: today)]),
                        H.el("dt", [:], [.text("Resident")]),
                        H.el(
                            "dd", [:],
                            [r.residentID.map { H.link(r.reference ?? "their account", SiteURL.Residents.staffResident($0)) } ?? .text("No account")]),
                    ]),
                .if(
                    r.residentID != nil,
                    H.el(
                        "p", [:],
                        [.text(r.kind == .access ? "Download their data from their page and send it to them." : "Erase them from their page.")])),
                r.closedAt == nil
                    ? Form.post(
                        SiteURL.Residents.request(r.id), ctx,
                        [
                            Form.field(
                                "outcome", label: "What was done", control: .textarea(rows: 3), value: nil,
                                error: errors.first { $0.field == "outcome" }?.message, required: true),
                            Form.button("Close the request"),
                        ])
                    : H.el("p", [:], [.text("Closed: " + (r.outcome ?? ""))]),
            ],
            status: errors.isEmpty ? .ok : .badRequest)
    }

    struct RetentionModel: Sendable {
        let rows: [RetentionService.Row]
        let activityRows: [RetentionService.ActivityRow]
        let activities: PickerChoices
        let input: [String: String]
        let errors: [FieldError]
    }

    static func retention(_ m: RetentionModel, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        return Page(
            title: "Retention periods",
            body: [
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text("Retention periods")]),
                H.el(
                    "p", ["class": "lead"],
                    [
                        .text(
                            "How long each kind of residents' personal data is kept. A job removes or anonymises what is due once a day and publishes the counts on "
                        ), H.link("the retention log", SiteURL.Residents.retentionLog), .text("."),
                    ]),
                Form.post(
                    SiteURL.Residents.retention, ctx,
                    m.rows.map { r in
                        Form.field(
                            "days.\(r.kind.rawValue)", label: "Days to keep \(r.kind.shortName)", control: .text(type: "text", width: "10"),
                            value: m.input["days.\(r.kind.rawValue)"] ?? (r.isDefault ? "" : String(r.days)),
                            error: e.message(for: "days.\(r.kind.rawValue)"),
                            hint: "Default \(r.kind.defaultDays), counted from \(r.kind.referenceTime). \(r.kind.reason) Leave empty for the default."
                        )
                    } + [Form.button("Save")]),
                H.el("h2", ["class": "heading-m", "id": "activities"], [.text("Periods for one activity")]),
                H.el(
                    "p", [:],
                    [
                        .text(
                            "An activity's plan may need its own period (a consultation's contact list kept until the decision, say). Its privacy notice says so."
                        )
                    ]),
                Lists.table(
                    m.activityRows,
                    columns: [
                        .init(header: "Activity") { .text($0.activity) }, .init(header: "Data") { .text($0.kind.label) },
                        .init(header: "Days") { .text(String($0.days)) },
                        .init(header: "") { r in
                            Form.post(
                                SiteURL.Residents.removeActivityRetention(r.id), ctx, [Form.button("Remove", secondary: true)], class: "inline-form")
                        },
                    ], caption: "Activities with their own periods", empty: "No activity has a period of its own."),
                Form.post(
                    SiteURL.Residents.activityRetention, ctx,
                    [
                        Picker.field(
                            "activity", label: "Activity", choices: m.activities, selected: nil, typed: m.input["activity"],
                            error: e.message(for: "activity"),
                            hint: "Start typing its title and choose it from the suggestions."),
                        Form.field(
                            "kind", label: "Data",
                            control: .select(RetentionService.perActivityKinds.map { Form.Option($0.rawValue, $0.label) }, placeholder: "Choose"),
                            value: m.input["kind"], error: e.message(for: "kind")),
                        Form.field(
                            "days", label: "Days to keep", control: .text(width: "10"), value: m.input["days"], error: e.message(for: "days")),
                        Form.button("Set the activity's period"),
                    ]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }
}
