import Foundation
import Plot
import ChorusCore

/// Training records' pages (staff, English): the courses, coverage by organisation and refreshers due; a course with
/// its sessions and who attended.
enum TrainingViews {
    static func currency(_ c: TrainingCurrency) -> String {
        switch c {
        case .current(let until): return until.map { "Current until \(DayText.long($0))" } ?? "Current"
        case .dueSoon(let until): return "Refresher due by \(DayText.long(until))"
        case .lapsed(let since): return "Lapsed on \(DayText.long(since))"
        }
    }

    static func home(_ m: TrainingPages.Home, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        var body: [HNode] = [
            Form.errorSummary(m.errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text("Training")]),
            H.el(
                "p", ["class": "lead"],
                [
                    .text(
                        "The partnership's training offer at practitioner and specialist level, and involvement training for residents "
                            + "and volunteers: who is trained in what, and whose refresher is due.")
                ]),
            H.el("h2", ["class": "heading-l", "id": "courses"], [.text("Courses")]),
            Lists.table(
                m.courses,
                columns: [
                    .init(header: "Course") { H.link($0.title, SiteURL.Guidance.course($0.id)) },
                    .init(header: "Level") { .text($0.level.label) },
                    .init(header: "Refresh") { c in .text(c.refreshMonths.map { "Every \($0) months" } ?? "Not needed") },
                    .init(header: "Sessions") { .text(NumberText.grouped($0.sessions)) },
                    .init(header: "Completed") { .text(NumberText.grouped($0.completed)) },
                ], caption: "Courses", empty: "No courses yet."),
            H.el("h2", ["class": "heading-l", "id": "coverage"], [.text("Who is trained, by organisation")]),
            Lists.table(
                m.coverage,
                columns: [
                    .init(header: "Organisation") { H.bdi($0.organisation) },
                    .init(header: "Staff") { .text(NumberText.grouped($0.row.staff)) },
                    .init(header: "Practitioner or above") { r in
                        .text(NumberText.grouped(r.row.practitioner) + (r.row.share.map { " (\(Int(($0 * 100).rounded()))%)" } ?? ""))
                    },
                    .init(header: "Specialist") { .text(NumberText.grouped($0.row.specialist)) },
                    .init(header: "Residents and volunteers trained") { .text(NumberText.grouped($0.row.volunteers)) },
                ], caption: "Who is trained, by organisation", empty: "No staff yet."),
            H.el(
                "p", ["class": "hint"],
                [.text("Training counts while it is current: a course with a refresher period lapses when the refresher is overdue.")]),
            H.el("h2", ["class": "heading-l", "id": "refreshers"], [.text("Refreshers due")]),
            Lists.table(
                m.refreshers,
                columns: [
                    .init(header: "Person") { H.bdi($0.person) },
                    .init(header: "Organisation") { H.bdi($0.organisation) },
                    .init(header: "Course") { H.link($0.course, SiteURL.Guidance.course($0.courseID)) },
                    .init(header: "When") { .text(currency($0.currency)) },
                ], caption: "Refreshers due", empty: "No refresher is due in the next \(TrainingCurrency.soonDays) days."),
        ]
        if m.canKeep {
            body += [
                H.el("h2", ["class": "heading-m", "id": "add-course"], [.text("Add a course")]),
                Form.post(
                    SiteURL.Guidance.courses, ctx,
                    [
                        Form.field(
                            "title", label: "Title", control: .text(), value: m.input?["title"], error: e.message(for: "title"), required: true),
                        Form.radios(
                            "level", legend: "Level", options: TrainingLevel.allCases.map { .init($0.rawValue, $0.label) },
                            selected: m.input?["level"],
                            error: e.message(for: "level")),
                        Form.field(
                            "description", label: "What it covers", control: .textarea(rows: 3), value: m.input?["description"],
                            error: e.message(for: "description")),
                        Form.field(
                            "refresh_months", label: "Refresh every (months, optional)", control: .text(width: "10"),
                            value: m.input?["refresh_months"],
                            error: e.message(for: "refresh_months"), hint: "Leave empty when it never needs refreshing"),
                        Form.button("Add the course"),
                    ]),
            ]
        }
        return Page(title: "Training", body: body, status: m.errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }

    static func course(_ m: TrainingPages.CoursePage, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let c = m.course
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Guidance.training, "class": "back-link"], [.text("Back to training")]),
            Form.errorSummary(m.errors, ctx),
            H.el("span", ["class": "caption"], [.text("\(c.level.label) · \(c.provider)")]),
            H.el("h1", ["class": "heading-xl"], [.text(c.title)]),
            H.el("p", [:], [.text(c.description.isEmpty ? "—" : c.description)]),
            H.el("p", ["class": "hint"], [.text(c.refreshMonths.map { "Refresh every \($0) months." } ?? "No refresher needed.")]),
            H.el("h2", ["class": "heading-l", "id": "sessions"], [.text("Sessions")]),
        ]
        if m.sessions.isEmpty { body.append(H.el("p", ["class": "empty"], [.text("No sessions yet.")])) }
        for s in m.sessions {
            let input = m.session == s.id ? m.input : nil
            let suffix = s.id.uuidString.lowercased()
            body.append(
                H.el(
                    "section", ["class": "session", "id": "session-\(suffix)"],
                    [
                        H.el("h3", ["class": "heading-m"], [.text("\(DayText.long(s.day)), \(s.place)")]),
                        H.el("p", ["class": "hint"], [.text("Trainer: \(s.trainer)")]),
                        Lists.table(
                            s.attendees,
                            columns: [
                                .init(header: "Name") { H.bdi($0.name) },
                                .init(header: "Organisation") { H.bdi($0.organisation) },
                                .init(header: "Who") { .text($0.isStaff ? "Staff" : "Resident or volunteer") },
                                .init(header: "Completed") { .text($0.completed ? "Yes" : "No") },
                            ], caption: "Who attended", empty: "Nobody recorded yet."),
                        .if(
                            m.canKeep,
                            Form.post(
                                SiteURL.Guidance.attendees(s.id), ctx,
                                [
                                    H.el("h4", ["class": "heading-s"], [.text("Add someone")]),
                                    Form.field(
                                        "person_id", label: "Member of staff",
                                        control: .select(m.people, placeholder: "Choose, or type a name below"),
                                        value: input?["person_id"], error: e.message(for: "person_id-\(suffix)"), id: "f-person-id-\(suffix)"),
                                    Form.field(
                                        "attendee_name", label: "Or a resident's or volunteer's name", control: .text(),
                                        value: input?["attendee_name"],
                                        error: e.message(for: "attendee_name-\(suffix)"), id: "f-attendee-name-\(suffix)"),
                                    Form.field(
                                        "organisation_id", label: "Organisation they came through (residents and volunteers)",
                                        control: .select(m.organisations, placeholder: "None"), value: input?["organisation_id"],
                                        error: e.message(for: "organisation_id-\(suffix)"), id: "f-organisation-id-\(suffix)"),
                                    H.el(
                                        "div", ["class": "checkbox"],
                                        [
                                            H.void(
                                                "input", ["type": "checkbox", "id": "f-completed-\(suffix)", "name": "completed", "value": "true"]),
                                            H.el("label", ["for": "f-completed-\(suffix)"], [.text("Completed the course")]),
                                        ]),
                                    Form.button("Add", secondary: true),
                                ])),
                    ]))
        }
        if m.canKeep {
            let input = m.session == nil ? m.input : nil
            body += [
                H.el("h2", ["class": "heading-m", "id": "add-session"], [.text("Add a session")]),
                Form.post(
                    SiteURL.Guidance.sessions(c.id), ctx,
                    [
                        Form.field(
                            "day", label: "Date", control: .text(type: "date"), value: input?["day"],
                            error: m.session == nil ? e.message(for: "day") : nil,
                            required: true),
                        Form.field(
                            "place", label: "Where", control: .text(), value: input?["place"],
                            error: m.session == nil ? e.message(for: "place") : nil,
                            required: true),
                        Form.field(
                            "trainer", label: "Trainer", control: .text(), value: input?["trainer"],
                            error: m.session == nil ? e.message(for: "trainer") : nil, required: true),
                        Form.button("Add the session"),
                    ]),
            ]
        }
        return Page(title: c.title, body: body, status: m.errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }
}
