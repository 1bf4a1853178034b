import Foundation
import Plot
import ChorusCore

/// The membership questions (`PanelProfileQuestions`) and the ward as selects: one form for a resident joining and for
/// staff keying in a paper or phone form, so the two cannot ask differently.
enum PanelProfileFields {
    static func fields(values: [String: String], wards: [PlacesReads.Ward], errors e: ValidationFailure, _ ctx: PageContext) -> [HNode] {
        PanelProfileQuestions.all.map { q in
            Form.field(
                q.key, label: ctx.t("panels.q.\(q.key)"),
                control: .select(q.options.map { Form.Option($0, ctx.t("panels.a.\($0)")) }, placeholder: ""),
                value: values[q.key], error: e.message(for: q.key), required: true)
        } + [
            Form.field(
                PanelProfileQuestions.ward, label: ctx.t("panels.q.ward"),
                control: .select(wards.map { Form.Option($0.code, $0.name) }, placeholder: ""), value: values[PanelProfileQuestions.ward],
                error: e.message(for: PanelProfileQuestions.ward), required: true)
        ]
    }
}
