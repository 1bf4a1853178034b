/// The feature's strings (English complete; other languages fall back key by key), declared in `TemplateFeature.strings`.
enum TemplateStrings {
    static let english: [String: String] = [
        "template.nav": "Notes",
        "template.title": "Notes",
        "template.none": "No notes yet.",
        "template.add": "Add a note",
        "template.field.title": "Title",
        "template.field.text": "Note",
        "template.save": "Save the note",
        "template.back": "Back to notes",
        "audit.entity.template_note": "Note",
    ]
}
