import Foundation
import ChorusCore

/// One survey question as form controls, in the GOV.UK pattern and without script: a fieldset with a legend for
/// choices, grids (a fieldset per row) and dates, a label for text; hint, "More information" (a `details` panel) and
/// the error message between the question and its controls. The first control carries the id the error summary links
/// to (`Form.fieldID(SurveyAnswers.field(q))`). Used by residents' pages, the staff preview and keying-in.
enum SurveyQuestionView {
    static func control(_ m: SurveyPages.Question, error: String?, _ ctx: PageContext) -> HNode {
        let q = m.question
        let name = SurveyAnswers.field(q)
        let id = Form.fieldID(name)
        func w(_ text: String) -> HNode { wording(text, m.language, ctx) }
        let label: [HNode] = [
            .text(m.number.map { "\($0). " } ?? ""), w(q.text), .text(q.required || q.kind == .section ? "" : " " + ctx.t("survey.optional")),
        ]
        func value(_ field: String) -> String { m.values[field]?.first ?? "" }
        func chosen(_ field: String) -> Set<String> { Set(m.values[field] ?? []) }
        let info: HNode = .unwrap(q.info) { text in
            H.el(
                "details", ["class": "details"],
                [H.el("summary", [:], [.text(ctx.t("survey.more_info"))]), H.el("div", ["class": "panel"], [w(text)])])
        }
        let describedBy = Form.describedBy(id, hint: q.hint, error: error)
        let hint: HNode = .unwrap(q.hint) { H.el("div", ["id": id + "-hint", "class": "hint"], [w($0)]) }
        let errorNode: HNode = .unwrap(error) { e in
            H.el(
                "p", ["id": id + "-error", "class": "error-message"],
                [H.el("span", ["class": "visually-hidden"], [.text(ctx.t("survey.error_prefix"))]), .text(e)])
        }
        func fieldset(_ controls: [HNode]) -> HNode {
            H.el(
                "div", ["class": "form-group" + (error == nil ? "" : " form-group-error")],
                [
                    H.el(
                        "fieldset", ["class": "fieldset", "aria-describedby": describedBy],
                        [H.el("legend", ["class": "legend"], label), hint, info, errorNode] + controls)
                ])
        }
        func labelled(_ control: HNode) -> HNode {
            H.el(
                "div", ["class": "form-group" + (error == nil ? "" : " form-group-error")],
                [H.el("label", ["for": id, "class": "label"], label), hint, info, errorNode, control])
        }
        func choice(_ type: String, _ field: String, _ value: String, _ text: HNode, boxID: String, checked: Bool, controls: String? = nil) -> HNode {
            H.el(
                "div", ["class": type],
                [
                    H.void(
                        "input",
                        ["type": type, "id": boxID, "name": field, "value": value, "checked": checked ? "" : nil, "aria-controls": controls]),
                    H.el("label", ["for": boxID], [text]),
                ])
        }
        let invalid = error == nil ? nil : "true"
        switch q.kind {
        case .section:
            return H.el(
                "div", ["class": "survey-section"],
                [H.el("h2", ["class": "heading-m", "id": id], [w(q.text)]), .unwrap(q.hint) { H.el("p", [:], [w($0)]) }, info])
        case .shortText, .ward, .number:
            let attrs: [String: String?] = [
                "type": "text", "id": id, "name": name, "value": value(name), "aria-describedby": describedBy, "aria-invalid": invalid,
                "class": "input" + (q.kind == .number ? " input-10" : "") + (error == nil ? "" : " input-error"),
                "inputmode": q.kind == .number ? "decimal" : nil, "autocomplete": q.kind == .ward ? "postal-code" : nil,
                "spellcheck": q.kind == .shortText ? nil : "false",
            ]
            return labelled(H.void("input", attrs))
        case .longText:
            return labelled(
                H.el(
                    "textarea",
                    [
                        "id": id, "name": name, "rows": "5", "aria-describedby": describedBy, "aria-invalid": invalid,
                        "class": "textarea" + (error == nil ? "" : " input-error"),
                    ], [.text(value(name))]))
        case .singleChoice, .scale:
            var boxes = m.order.enumerated().map { i, o -> HNode in
                var text = q.label(o)
                if q.kind == .scale {
                    if i == 0, let low = q.lowLabel { text += " – " + low }
                    if i == m.order.count - 1, let high = q.highLabel { text += " – " + high }
                }
                return choice("radio", name, o, w(text), boxID: i == 0 ? id : "\(id)-\(i + 1)", checked: value(name) == o)
            }
            if q.allowOther == true { boxes += other(q, type: "radio", checked: value(name) == SurveyAnswers.otherValue, m, id: id, ctx) }
            return fieldset([H.el("div", ["class": "radios"], boxes)])
        case .multipleChoice:
            var boxes = m.order.enumerated().map { i, o -> HNode in
                choice("checkbox", name, o, w(q.label(o)), boxID: i == 0 ? id : "\(id)-\(i + 1)", checked: chosen(name).contains(o))
            }
            if q.allowOther == true {
                boxes += other(q, type: "checkbox", checked: chosen(name).contains(SurveyAnswers.otherValue), m, id: id, ctx)
            }
            return fieldset([H.el("div", ["class": "checkboxes"], boxes)])
        case .agree:
            return fieldset([
                H.el(
                    "div", ["class": "checkboxes"],
                    [choice("checkbox", name, "agree", .text(ctx.t("survey.agree")), boxID: id, checked: chosen(name).contains("agree"))])
            ])
        case .ranking:
            return fieldset(m.order.enumerated().map { i, o in rankSelect(q, option: o, index: i, firstID: id, m, ctx) })
        case .date:
            return fieldset([
                H.el(
                    "div", ["class": "date-input"],
                    [("day", "2"), ("month", "2"), ("year", "4")].enumerated().map { i, part in
                        let field = "\(name)-\(part.0)"
                        let partID = i == 0 ? id : Form.fieldID(field)
                        return H.el(
                            "div", ["class": "date-part"],
                            [
                                H.el("label", ["for": partID, "class": "label"], [.text(ctx.t("survey.\(part.0)"))]),
                                H.void(
                                    "input",
                                    [
                                        "type": "text", "inputmode": "numeric", "id": partID, "name": field, "value": value(field),
                                        "class": "input input-\(part.1 == "4" ? "4" : "2")" + (error == nil ? "" : " input-error"),
                                    ]),
                            ])
                    })
            ])
        case .grid:
            let rows = q.rows ?? []
            return fieldset(
                rows.enumerated().map { r, row in
                    let field = "\(name)-r\(r + 1)"
                    return H.el(
                        "fieldset", ["class": "fieldset survey-grid-row"],
                        [
                            H.el("legend", ["class": "legend legend-s"], [w(row)]),
                            H.el(
                                "div", ["class": "radios radios-inline"],
                                q.options.enumerated().map { i, o in
                                    choice(
                                        "radio", field, o, w(q.label(o)), boxID: r == 0 && i == 0 ? id : Form.fieldID("\(field)-\(i + 1)"),
                                        checked: value(field) == o)
                                }),
                        ])
                })
        }
    }

    /// One option of a ranking and its rank (a select: no script, no dragging).
    private static func rankSelect(
        _ q: SurveyQuestion, option o: String, index i: Int, firstID: String, _ m: SurveyPages.Question, _ ctx: PageContext
    )
        -> HNode
    {
        let field = SurveyAnswers.rankField(q, optionIndex: q.options.firstIndex(of: o) ?? i)
        let selectID = i == 0 ? firstID : Form.fieldID(field)
        let current = m.values[field]?.first ?? ""
        var options: [HNode] = [H.el("option", ["value": ""], [.text(ctx.t("survey.rank_none"))])]
        for r in 1...max(1, q.options.count) {
            options.append(H.el("option", ["value": String(r), "selected": current == String(r) ? "" : nil], [.text(String(r))]))
        }
        return H.el(
            "div", ["class": "form-group survey-rank"],
            [
                H.el("label", ["for": selectID, "class": "label"], [wording(q.label(o), m.language, ctx)]),
                H.el("select", ["id": selectID, "name": field, "class": "select"], options),
            ])
    }

    /// The "Other" choice and its text box ("Please say").
    private static func other(_ q: SurveyQuestion, type: String, checked: Bool, _ m: SurveyPages.Question, id: String, _ ctx: PageContext) -> [HNode]
    {
        let name = SurveyAnswers.field(q)
        let boxID = id + "-other-choice"
        let textName = name + "-other"
        return [
            H.el(
                "div", ["class": type],
                [
                    H.void("input", ["type": type, "id": boxID, "name": name, "value": SurveyAnswers.otherValue, "checked": checked ? "" : nil]),
                    H.el("label", ["for": boxID], [.text(ctx.t("survey.other"))]),
                ]),
            H.el(
                "div", ["class": "form-group survey-other"],
                [
                    H.el("label", ["for": Form.fieldID(textName), "class": "label"], [.text(ctx.t("survey.other_say"))]),
                    H.void(
                        "input",
                        ["type": "text", "id": Form.fieldID(textName), "name": textName, "value": m.values[textName]?.first ?? "", "class": "input"]),
                ]),
        ]
    }

    /// Survey wording, marked with its language and direction when the survey is not (yet) in the reader's language,
    /// so a screen reader reads it with the right voice and an English question reads left to right on an Urdu page.
    static func wording(_ text: String, _ language: String, _ ctx: PageContext) -> HNode {
        guard language != ctx.language.code else { return .text(text) }
        return H.el("span", ["lang": language, "dir": UILanguage.named(language)?.dir ?? "ltr"], [.text(text)])
    }

    /// A problem with an answer in the reader's language (`{max}`-style names in the catalogue text).
    static func message(_ p: SurveyAnswerProblem, _ ctx: PageContext) -> String {
        SurveyAnswerProblem.fill(ctx.t(p.key), p.arguments)
    }
}
