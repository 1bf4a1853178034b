import Foundation
import Plot
import ChorusCore

/// Importing insights from a survey export: upload, choose columns with a preview of the first rows as they would be
/// stored, then a job page that follows the background run and lists every problem row.
enum InsightImportView {
    /// `activity`: the activity the import is for (from the activity's page): carried through the upload to the
    /// mapping's "activity for all rows".
    static func upload(errors: [FieldError], activity: UUID? = nil, _ ctx: PageContext) -> Page {
        let f = ValidationFailure(errors)
        let title = ctx.t("insight_import.title")
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.Insights.list, "class": "back-link"], [.text(ctx.t("insight.back"))]),
            Form.errorSummary(errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", [:], [.text(ctx.t("insight_import.intro"))]),
            H.el("p", [:], [.text(ctx.t("insight_import.columns"))]),
            H.el("pre", ["class": "example"], [.text(InsightCSV.fields.prefix(11).map(\.field).joined(separator: ","))]),
            Form.post(
                SiteURL.Insights.importCSV, ctx,
                [
                    Form.field(
                        "file", label: ctx.t("import.file"), control: .file(accept: ".csv,text/csv"), value: nil,
                        error: f.message(for: "file"), hint: ctx.t("insight_import.file_hint"), required: true),
                    .unwrap(activity) { H.void("input", ["type": "hidden", "name": "activity", "value": $0.uuidString]) },
                    Form.button(ctx.t("import.next")),
                ], multipart: true),
        ]
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest)
    }

    /// Names for the preview table.
    struct Names: Sendable {
        var places: [UUID: String] = [:], themes: [UUID: String] = [:]
    }

    static func fieldLabel(_ ctx: PageContext, _ field: String) -> String {
        if let q = EqualityMonitoring.question(field) { return ctx.t("insight_import.equality_field", q.question) }
        if field == "activity" { return "\(ctx.t("insight.activity")) (activity title or id)" }
        return ctx.t("insight_import.field.\(field)")
    }

    static func mapping(_ m: InsightPages.ImportMapping, _ ctx: PageContext) -> Page {
        let (scan, mapping, preview, names, errors) = (m.scan, m.mapping, m.preview, m.names, m.errors)
        let title = ctx.t("import.map_title")
        let f = ValidationFailure(errors)
        let columns = scan.header.enumerated().map {
            Form.Option(String($0.offset), $0.element.isEmpty ? ctx.t("import.column_n", $0.offset + 1) : $0.element)
        }
        let selects: [HNode] = InsightCSV.fields.map { field, _ in
            Form.field(
                "map_" + field, label: fieldLabel(ctx, field), control: .select(columns, placeholder: ctx.t("import.not_in_file")),
                value: mapping.columns[field].map(String.init), error: f.message(for: "map_" + field))
        }
        let sharing = SharingLevel.allCases.map { Form.Option($0.rawValue, ctx.t("insight.sharing.\($0.rawValue)")) }
        let kinds = InsightKind.allCases.map { Form.Option($0.rawValue, ctx.t("insight.kind.\($0.rawValue)")) }
        func button(_ action: String, _ label: String, secondary: Bool) -> HNode {
            H.el(
                "button", ["type": "submit", "name": "action", "value": action, "class": secondary ? "button button-secondary" : "button"],
                [.text(label)])
        }
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.Insights.importCSV, "class": "back-link"], [.text(ctx.t("insight_import.choose_other"))]),
            Form.errorSummary(errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", [:], [.text(ctx.t("insight_import.map_intro", m.fileName, NumberText.grouped(scan.rows)))]),
            Form.post(
                SiteURL.Insights.importJob(m.jobID), ctx,
                [
                    H.el("h2", ["class": "heading-m"], [.text(ctx.t("insight_import.columns_heading"))])
                ] + selects + [
                    H.el("h2", ["class": "heading-m"], [.text(ctx.t("insight_import.defaults_heading"))]),
                    Form.field(
                        "default_sharing", label: ctx.t("insight_import.default_sharing"), control: .select(sharing, placeholder: nil),
                        value: mapping.defaultSharing, error: f.message(for: "default_sharing"), hint: ctx.t("insight.sharing_hint")),
                    Form.field(
                        "default_kind", label: ctx.t("insight_import.default_kind"), control: .select(kinds, placeholder: nil),
                        value: mapping.defaultKind, error: f.message(for: "default_kind")),
                    Picker.field(
                        "default_activity", label: ctx.t("insight.activity"), choices: m.activities,
                        selected: mapping.defaultActivity?.uuidString, typed: m.typedActivity, error: f.message(for: "default_activity"),
                        hint:
                            "The activity these insights were heard during, for rows whose own activity cell is empty. Start typing its title and choose it from the suggestions; leave it empty for \(ctx.t("insight.ongoing").lowercased())."
                    ),
                    Form.checkbox(
                        "valid_only", label: ctx.t("import.valid_only"), checked: mapping.validOnly,
                        hint: ctx.t("insight_import.valid_only_hint")),
                    H.el(
                        "div", ["class": "button-group"],
                        [
                            button("start", ctx.t("insight_import.start"), secondary: false),
                            button("preview", ctx.t("insight_import.update_preview"), secondary: true),
                        ]),
                ]),
            H.el("h2", ["class": "heading-m", "id": "preview"], [.text(ctx.t("insight_import.preview_heading", preview.count))]),
            H.el("p", [:], [.text(ctx.t("insight_import.preview_intro"))]),
            Lists.table(
                preview,
                columns: [
                    .init(header: ctx.t("import.line")) { .text(String($0.line)) },
                    .init(header: ctx.t("insight_import.as_stored")) { row in .text(row.clean?.redaction.text ?? "") },
                    .init(header: ctx.t("insight.kind")) { row in .text(row.clean.map { ctx.t("insight.kind.\($0.kind.rawValue)") } ?? "") },
                    .init(header: ctx.t("insight.heard_on")) { row in .text(row.clean?.heard.description ?? "") },
                    .init(header: ctx.t("insight.sharing")) { row in .text(row.clean.map { ctx.t("insight.sharing.\($0.sharing.rawValue)") } ?? "") },
                    .init(header: ctx.t("insight_import.field.ward")) { row in .text(row.clean?.placeID.flatMap { names.places[$0] } ?? "") },
                    .init(header: ctx.t("insight.activity")) { row in
                        .text(row.clean.map { c in c.activityID.flatMap { m.activities.label(of: $0) } ?? ctx.t("insight.ongoing") } ?? "")
                    },
                    .init(header: ctx.t("insight.themes")) { row in
                        .text(row.clean?.themeIDs.compactMap { names.themes[$0] }.joined(separator: "; ") ?? "")
                    },
                    .init(header: ctx.t("import.problems")) { row in
                        row.problems.isEmpty
                            ? .text(ctx.t("insight_import.row_ok"))
                            : H.el("ul", ["class": "plain-list"], row.problems.map { H.el("li", [:], [.text("\($0.field): \($0.message)")]) })
                    },
                ], caption: ctx.t("insight_import.preview_heading", preview.count), empty: ctx.t("insight_import.no_preview")),
        ]
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest)
    }

    /// The job as its page shows it: while it runs, a progress bar that updates itself; at the end, the outcome.
    static func job(_ job: InsightPages.ImportJobPage, _ ctx: PageContext) -> Page {
        let (live, refresh) = (job.live, job.refresh)
        let status = job.status
        let total = job.rowsTotal ?? 0
        let running = status == .queued || status == .running
        var body: [HNode] = []
        let title: String
        switch status {
        case .done: title = ctx.t("import.done_title")
        case .failed: title = ctx.t("import.rejected_title")
        default: title = ctx.t("insight_import.running_title", job.fileName)
        }
        if running && refresh {
            // Without JavaScript the page reloads itself; with it, a small script updates the progress in place (no reload,
            // so focus and reading position stay put). The link below stops either for anyone who needs the page to hold still.
            body.append(H.el("noscript", [:], [H.void("meta", ["http-equiv": "refresh", "content": "2"])]))
            body.append(H.el("script", ["src": progressScriptURL, "defer": ""], []))
        }
        body.append(H.el("h1", ["class": "heading-xl"], [.text(title)]))
        if running {
            let phase = live?.phase ?? job.phase ?? "checking"
            let done = min(total, max(live?.done ?? 0, job.phase == phase ? job.rowsDone : 0))
            let percent = total > 0 ? done * 100 / total : 0
            let text =
                status == .queued
                ? ctx.t("insight_import.queued")
                : ctx.t("insight_import.\(phase == "saving" ? "saving" : "checking")", NumberText.grouped(done), NumberText.grouped(total), percent)
            body.append(
                H.el(
                    "div", ["class": "import-progress", "role": "status", "data-import-running": refresh ? "" : nil],
                    [
                        H.el("label", ["for": "import-progress"], [.text(text)]),
                        H.el("progress", ["id": "import-progress", "max": String(max(total, 1)), "value": String(done)], [.text("\(percent)%")]),
                    ]))
            body.append(H.el("p", [:], [.text(ctx.t("insight_import.running_hint"))]))
            body.append(
                H.el(
                    "p", [:],
                    [
                        refresh
                            ? H.link(ctx.t("insight_import.stop_refresh"), SiteURL.with(SiteURL.Insights.importJob(job.id), ["refresh": "off"]))
                            : H.link(ctx.t("insight_import.refresh_now"), SiteURL.with(SiteURL.Insights.importJob(job.id), ["refresh": "off"]))
                    ]))
        }
        let problems = job.problems
        if status == .done {
            var lines: [HNode] = [
                H.el("p", [:], [.text(ctx.t("insight_import.imported", NumberText.grouped(job.rowsDone), NumberText.grouped(total)))])
            ]
            if job.rowsRejected > 0 {
                lines.append(H.el("p", [:], [.text(ctx.t("insight_import.skipped_rows", NumberText.grouped(job.rowsRejected)))]))
            }
            body.append(H.el("div", ["class": "panel panel-confirm", "role": "status"], lines))
        }
        if status == .failed {
            var summary: [HNode] = []
            if let message = job.message { summary.append(H.el("p", [:], [.text(message)])) }
            if job.rowsRejected > 0 {
                summary.append(
                    H.el("h2", ["class": "error-summary-title"], [.text(ctx.t("import.rows_with_problems", NumberText.grouped(job.rowsRejected)))]))
            }
            summary.append(H.el("p", [:], [.text(ctx.t("import.nothing_saved"))]))
            body.append(H.el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"], summary))
            if job.canImportValidRows, let total = job.rowsTotal {
                let valid = total - job.rowsRejected
                let rows = valid == 1 ? "row" : "rows"
                body.append(
                    H.el(
                        "div", ["class": "panel"],
                        [
                            H.el(
                                "p", [:],
                                [
                                    .text(
                                        "Or store the \(NumberText.grouped(valid)) \(rows) that passed now, from the file already uploaded, and leave out the \(NumberText.grouped(job.rowsRejected)) listed below. All \(NumberText.grouped(valid)) are stored, or none if any stops passing."
                                    )
                                ]),
                            Form.post(
                                SiteURL.Insights.importJob(job.id), ctx,
                                [
                                    H.el(
                                        "button", ["type": "submit", "name": "action", "value": "valid_rows", "class": "button"],
                                        [.text("Import the \(NumberText.grouped(valid)) valid \(rows)")])
                                ]),
                        ]))
            }
        }
        if !problems.isEmpty && !running {
            if job.rowsRejected > 0 && problems.count >= InsightCSV.maxProblems {
                body.append(H.el("p", [:], [.text(ctx.t("insight_import.first_problems", InsightCSV.maxProblems))]))
            }
            body.append(
                Lists.table(
                    problems,
                    columns: [
                        .init(header: ctx.t("import.line")) { .text(String($0.line)) },
                        .init(header: ctx.t("insight_import.column")) { .text($0.field) },
                        .init(header: ctx.t("import.problems")) { .text($0.message) },
                    ], caption: ctx.t("import.rows_with_problems", NumberText.grouped(job.rowsRejected)), empty: ""))
        }
        if !running {
            body.append(
                H.el(
                    "p", [:],
                    [
                        H.link(ctx.t("import.again"), SiteURL.Insights.importCSV, class: "button button-secondary"), .text(" "),
                        H.link(ctx.t("insight.back"), SiteURL.Insights.list),
                    ]))
        }
        return Page(title: title, body: body)
    }

    static let progressScriptURL = SiteURL.Insights.importProgressScript

    /// Every 2 seconds, fetches this page again and swaps in the new progress region; when the job has finished (no
    /// running region any more), loads the finished page.
    static let progressScript = """
        (function(){
          var region=document.querySelector('[data-import-running]');if(!region||!window.fetch||!window.DOMParser)return;
          function tick(){fetch(location.href,{credentials:'same-origin'}).then(function(r){return r.text()}).then(function(html){
            var next=new DOMParser().parseFromString(html,'text/html').querySelector('[data-import-running]');
            if(!next){location.reload();return}
            region.innerHTML=next.innerHTML;setTimeout(tick,2000)}).catch(function(){setTimeout(tick,5000)})}
          setTimeout(tick,2000);
        })();
        """
}
