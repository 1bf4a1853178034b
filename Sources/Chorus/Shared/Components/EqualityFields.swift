import Foundation
import ChorusCore

/// The equality monitoring questions (ONS Census 2021 categories, each optional, "Prefer not to say" offered) as a
/// resident answers them: in their account, and at the end of a survey. One list of selects, one reader.
enum EqualityFields {
    static func fields(_ answers: [String: String], errors: [FieldError], _ ctx: PageContext) -> [HNode] {
        EqualityMonitoring.questions.map { q in
            Form.field(
                q.field, label: catalogueOr("equality.\(q.field)", q.question, ctx),
                control: .select(
                    q.options.map { o in Form.Option(o.code, catalogueOr("equality.\(q.field).\(o.code)", o.label, ctx)) },
                    placeholder: ctx.t("resident.not_answered")),
                value: answers[q.field], error: errors.first { $0.field == q.field }?.message)
        }
    }

    /// The answers given (unanswered questions left out), or an error for each answer that is not one listed.
    static func read(_ input: Input, language: UILanguage) -> (answers: [String: String], errors: [FieldError]) {
        var answers: [String: String] = [:]
        var errors: [FieldError] = []
        for q in EqualityMonitoring.questions {
            let v = (input[q.field] ?? "").trimmedWhitespace
            guard !v.isEmpty else { continue }
            if q.isValid(v) { answers[q.field] = v } else { errors.append(FieldError(q.field, Catalogue.text("resident.choose_listed", language))) }
        }
        return (answers, errors)
    }

    /// A catalogue string where there is one, else the given English.
    static func catalogueOr(_ key: String, _ english: String, _ ctx: PageContext) -> String {
        Catalogue.has(key) ? ctx.t(key) : english
    }
}
