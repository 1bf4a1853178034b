import Foundation
import Plot
import ChorusCore

/// The outbox for partnership admins: how many emails are waiting, sent, failed or cancelled, and the emails that
/// failed or are being retried with the server's reason, so a refused address or a wrong SMTP password is seen
/// without opening the database. Addresses are shown masked (a resident's address is not needed to act).
enum OutboxView {
    /// `resident@example.org` → `r•••@example.org`.
    static func masked(_ address: String) -> String {
        guard let at = address.firstIndex(of: "@"), let first = address.first else { return "•••" }
        return String(first) + "•••" + address[at...]
    }

    static func time(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB"); f.timeZone = TimeZone(identifier: "UTC"); f.dateFormat = "d MMM yyyy, HH:mm 'UTC'"
        return f.string(from: d)
    }

    static func render(_ m: FeedbackPages.Outbox, _ ctx: PageContext) -> Page {
        let (counts, problems, transport) = (m.counts, m.problems, m.transport)
        let title = "Email outbox"
        let statuses: [(String, String)] = [
            ("pending", "waiting"), ("sent", "sent"), ("failed", "failed"), ("cancelled", "cancelled (unsubscribed)"),
        ]
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.Feedback.reports, "class": "back-link"], [.text("Back to reports")]),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el(
                "p", ["class": "lead"],
                [.text("Emails to residents go through the outbox. Failed ones are not tried again; ones being retried wait for their next attempt.")]
            ),
            H.el("p", [:], [.text("Transport: " + transport)]),
            H.el("ul", ["class": "stat-grid"], statuses.map { BriefingView.stat(String(counts[$0.0] ?? 0), $0.1) }),
            H.el("h2", ["class": "heading-m", "id": "problems"], [.text("Failed and retrying")]),
            Lists.table(
                problems,
                columns: [
                    .init(header: "To") { .text(masked($0.to)) },
                    .init(header: "Subject") { H.bdi($0.subject) },
                    .init(header: "Status") { r in
                        H.el(
                            "strong", ["class": "tag" + (r.status == "failed" ? "" : " tag-grey")],
                            [.text(r.status == "failed" ? "Failed" : "Retrying")])
                    },
                    .init(header: "Attempts") { .text(String($0.attempts)) },
                    .init(header: "Next attempt") { r in .text(r.status == "pending" ? (r.next.map(time) ?? "—") : "—") },
                    // Servers often quote the address back: masked there too.
                    .init(header: "Reason") { r in
                        .text(r.reason.map { $0.replacingOccurrences(of: r.to, with: masked(r.to), options: .caseInsensitive) } ?? "—")
                    },
                ], caption: "Failed and retrying emails", empty: "No email has failed."),
        ]
        return Page(title: title, body: body, englishOnly: true)
    }
}
