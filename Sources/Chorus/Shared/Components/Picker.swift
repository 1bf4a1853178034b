import Foundation
import ChorusCore

/// A typeahead picker for choosing one record out of hundreds, where a `<select>` or a column of checkboxes would be a
/// page long: a labelled text input tied to a `<datalist>` of unique human labels. The browser suggests labels as
/// the person types (no script needed; without datalist support it is a plain text box), and the server turns the
/// label back into an id with `PickerChoices.resolve` (exact, ignoring case and extra spaces; a record's id and its
/// aliases are accepted too). Nothing matching, or a name several records share, is a field error naming the field.
///
/// Use:
/// ```swift
/// // building the page model (a service): the records the person may choose, newest first
/// let choices = PickerChoices(activities.map { (id: $0.id!, label: "\($0.title) — \(lead), \(DayText.long(start))") },
///                             aliases: [id: [title]])
/// // the view: `typed` is what the form sent back (so it shows again after an error), else the chosen id's label
/// Picker.field("activity", label: "Heard during", choices: choices, selected: input["activity_id"],
///              typed: input["activity"], error: f.message(for: "activity"), hint: "Start typing its title")
/// // the handler: resolve before validating; an id sent directly (`activity_id`, the API's field) wins
/// switch choices.id(input["activity"], field: "activity", fieldLabel: "Heard during", what: "activity") {
/// case .success(let id): …   // nil when left empty
/// case .failure(let error): … // show the form again with `error`
/// }
/// ```
/// For several records (the decision form's activities), give each picker its own `id:` and the same `name`
/// (`activity`, then `f-activity-2`, `f-activity-3`… so labels stay unique) and one shared `list:` (`Picker.datalist`
/// once on the page, not 290 options per picker), show the chosen ones plus an empty one,
/// and resolve them together with `choices.ids(input.list("activity"), …)`: ids in order, repeats once, or the first
/// error naming the field.
enum Picker {
    /// One picker. `name` is the text field's name and, as `f-<name>`, its id (the error summary links to it);
    /// the datalist is `<id>-list`. `selected` is the chosen id (shown by its label) when nothing was typed.
    /// `list`: the id of a datalist already on the page (`Picker.datalist`), for several pickers of one field; without
    /// it the picker brings its own.
    static func field(
        _ name: String, label: String, choices: PickerChoices, selected: String?, typed: String?, error: String?,
        hint: String? = nil, id explicitID: String? = nil, list sharedList: String? = nil
    ) -> HNode {
        let id = explicitID ?? Form.fieldID(name)
        let listID = sharedList ?? id + "-list"
        let shown: String? =
            typed.flatMap { $0.isEmpty ? nil : $0 }
            ?? selected.flatMap(UUID.init(uuidString:)).flatMap { choices.label(of: $0) }
        return Form.group(
            id: id, label: label, hint: hint, error: error,
            [
                H.void(
                    "input",
                    [
                        "type": "text", "id": id, "name": name, "value": shown ?? "", "list": listID, "autocomplete": "off",
                        "spellcheck": "false", "class": "input" + (error == nil ? "" : " input-error"),
                        "aria-describedby": Form.describedBy(id, hint: hint, error: error), "aria-invalid": error == nil ? nil : "true",
                    ]),
                sharedList == nil ? datalist(listID, choices) : .empty,
            ])
    }

    /// How many suggestions a page carries. A city's register holds tens of thousands of activities: all of them
    /// would make every form megabytes long. The choices come in the order they should be suggested (activities:
    /// newest first), and anything past the limit still resolves when its title or label is typed in full.
    static let suggestionLimit = 1_000

    /// The suggestions, once per page however many pickers use them (the first `suggestionLimit`).
    static func datalist(_ id: String, _ choices: PickerChoices) -> HNode {
        H.el("datalist", ["id": id], choices.items.prefix(suggestionLimit).map { H.el("option", ["value": $0.label], []) })
    }
}
