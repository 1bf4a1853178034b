import Vapor
import Plot
import ChorusCore

/// Form building blocks in the GOV.UK pattern: label, hint, inline error, and an error summary at the top
/// whose links move focus to each field. Every POST form carries the CSRF token.
enum Form {
    static func post(_ action: String, _ req: Request, _ content: [HNode], class cls: String? = nil, multipart: Bool = false) -> HNode {
        post(action, req.page, content, class: cls, multipart: multipart)
    }

    static func post(_ action: String, _ req: PageContext, _ content: [HNode], class cls: String? = nil, multipart: Bool = false) -> HNode {
        H.el(
            "form",
            [
                "method": "post", "action": action, "class": cls, "novalidate": "",
                "enctype": multipart ? "multipart/form-data" : nil,
            ],
            [H.void("input", ["type": "hidden", "name": CSRFMiddleware.fieldName, "value": req.csrfToken])] + content)
    }

    static func button(_ label: String, secondary: Bool = false, warning: Bool = false, id: String? = nil) -> HNode {
        let cls = "button" + (secondary ? " button-secondary" : "") + (warning ? " button-warning" : "")
        return H.el("button", ["type": "submit", "class": cls, "id": id], [.text(label)])
    }

    /// "There is a problem" with a link to each field in error, placed before the form. It takes focus when the page
    /// loads (`autofocus` on a focusable element, no script needed) so keyboard and screen-reader users start there.
    static func errorSummary(_ errors: [FieldError], _ req: Request) -> HNode { errorSummary(errors, req.page) }

    static func errorSummary(_ errors: [FieldError], _ req: PageContext) -> HNode {
        guard !errors.isEmpty else { return .empty }
        return H.el(
            "div",
            [
                "class": "error-summary", "role": "alert", "aria-labelledby": "error-summary-title", "tabindex": "-1",
                "autofocus": "",
            ],
            [
                H.el("h2", ["id": "error-summary-title", "class": "error-summary-title"], [.text(req.t("form.error_summary"))]),
                H.el(
                    "ul", ["class": "error-summary-list"],
                    errors.map { e in
                        H.el("li", [:], [H.link(e.message, "#" + fieldID(e.field))])
                    }),
            ])
    }

    static func fieldID(_ name: String) -> String { "f-" + name.replacingOccurrences(of: "_", with: "-") }

    struct Option: Sendable {
        let value: String
        let label: String
        init(_ value: String, _ label: String) { self.value = value; self.label = label }
    }

    enum Control {
        case text(type: String = "text", autocomplete: String? = nil, width: String? = nil)
        case textarea(rows: Int = 4)
        case select([Option], placeholder: String?)
        case file(accept: String)
    }

    /// One labelled field with optional hint and error message. `id` replaces the usual `f-<name>` where one page has
    /// two forms with the same field names (ids must be unique, or the second form's labels point at the first's fields).
    static func field(
        _ name: String, label: String, control: Control, value: String?, error: String?, hint: String? = nil, required: Bool = false,
        id explicitID: String? = nil
    ) -> HNode {
        let id = explicitID ?? fieldID(name)
        var common: [String: String?] = [
            "id": id, "name": name,
            "aria-describedby": describedBy(id, hint: hint, error: error),
            "aria-invalid": error == nil ? nil : "true",
            "required": required ? "" : nil,
        ]
        let input: HNode
        switch control {
        case let .text(type, autocomplete, width):
            common["type"] = type
            common["value"] = type == "password" ? nil : (value ?? "")
            common["autocomplete"] = autocomplete
            common["class"] = "input" + (width.map { " input-\($0)" } ?? "") + (error == nil ? "" : " input-error")
            common["spellcheck"] = (type == "email" || type == "password") ? "false" : nil
            input = H.void("input", common)
        case let .textarea(rows):
            common["rows"] = String(rows)
            common["class"] = "textarea" + (error == nil ? "" : " input-error")
            input = H.el("textarea", common, [.text(value ?? "")])
        case let .select(options, placeholder):
            common["class"] = "select" + (error == nil ? "" : " input-error")
            var opts: [HNode] = []
            if let placeholder { opts.append(H.el("option", ["value": ""], [.text(placeholder)])) }
            opts += options.map { o in
                H.el("option", ["value": o.value, "selected": o.value == value ? "" : nil], [.text(o.label)])
            }
            input = H.el("select", common, opts)
        case let .file(accept):
            common["type"] = "file"
            common["accept"] = accept
            common["class"] = "file-upload"
            input = H.void("input", common)
        }
        return group(id: id, label: label, hint: hint, error: error, [input])
    }

    /// The `aria-describedby` of the control with this id: its hint and its error message, where present.
    static func describedBy(_ id: String, hint: String?, error: String?) -> String? {
        let ids = [hint.map { _ in id + "-hint" }, error.map { _ in id + "-error" }].compactMap { $0 }
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }

    /// A labelled control in its form group, with its hint (`<id>-hint`) and error message (`<id>-error`) between
    /// the label and the control, as every field is laid out (`field`, `Picker.field`).
    static func group(id: String, label: String, hint: String?, error: String?, _ control: [HNode]) -> HNode {
        H.el(
            "div", ["class": "form-group" + (error == nil ? "" : " form-group-error")],
            [
                H.el("label", ["for": id, "class": "label"], [.text(label)]),
                .unwrap(hint) { H.el("div", ["id": id + "-hint", "class": "hint"], [.text($0)]) },
                .unwrap(error) { e in
                    H.el(
                        "p", ["id": id + "-error", "class": "error-message"],
                        [
                            H.el("span", ["class": "visually-hidden"], [.text("Error: ")]), .text(e),
                        ])
                },
            ] + control)
    }

    /// A group of checkboxes in a fieldset with a legend; the first box carries the field id the error summary links to.
    static func checkboxes(
        _ name: String, legend: String, options: [Option], selected: Set<String>, error: String?,
        hint: String? = nil, columns: Bool = true
    ) -> HNode {
        let id = fieldID(name)
        return H.el(
            "div", ["class": "form-group" + (error == nil ? "" : " form-group-error")],
            [
                H.el(
                    "fieldset",
                    [
                        "class": "fieldset",
                        "aria-describedby": describedBy(id, hint: hint, error: error),
                    ],
                    [
                        H.el("legend", ["class": "legend"], [.text(legend)]),
                        .unwrap(hint) { H.el("div", ["id": id + "-hint", "class": "hint"], [.text($0)]) },
                        .unwrap(error) { e in
                            H.el(
                                "p", ["id": id + "-error", "class": "error-message"],
                                [
                                    H.el("span", ["class": "visually-hidden"], [.text("Error: ")]), .text(e),
                                ])
                        },
                        H.el(
                            "div", ["class": columns ? "checkboxes checkboxes-columns" : "checkboxes"],
                            options.enumerated().map { i, o in
                                let boxID = i == 0 ? id : "\(id)-\(i + 1)"
                                return H.el(
                                    "div", ["class": "checkbox"],
                                    [
                                        H.void(
                                            "input",
                                            [
                                                "type": "checkbox", "id": boxID, "name": name, "value": o.value,
                                                "checked": selected.contains(o.value) ? "" : nil,
                                            ]),
                                        H.el("label", ["for": boxID], [.text(o.label)]),
                                    ])
                            }),
                    ])
            ])
    }

    /// One choice of several as radio buttons in a fieldset with a legend; the first button carries the field id the
    /// error summary links to.
    static func radios(_ name: String, legend: String, options: [Option], selected: String?, error: String?, hint: String? = nil) -> HNode {
        let id = fieldID(name)
        return H.el(
            "div", ["class": "form-group" + (error == nil ? "" : " form-group-error")],
            [
                H.el(
                    "fieldset", ["class": "fieldset", "aria-describedby": describedBy(id, hint: hint, error: error)],
                    [
                        H.el("legend", ["class": "legend"], [.text(legend)]),
                        .unwrap(hint) { H.el("div", ["id": id + "-hint", "class": "hint"], [.text($0)]) },
                        .unwrap(error) { e in
                            H.el(
                                "p", ["id": id + "-error", "class": "error-message"],
                                [H.el("span", ["class": "visually-hidden"], [.text("Error: ")]), .text(e)])
                        },
                        H.el(
                            "div", ["class": "radios"],
                            options.enumerated().map { i, o in
                                let boxID = i == 0 ? id : "\(id)-\(i + 1)"
                                return H.el(
                                    "div", ["class": "radio"],
                                    [
                                        H.void(
                                            "input",
                                            ["type": "radio", "id": boxID, "name": name, "value": o.value, "checked": selected == o.value ? "" : nil]),
                                        H.el("label", ["for": boxID], [.text(o.label)]),
                                    ])
                            }),
                    ])
            ])
    }

    /// One yes/no checkbox sending "true" when ticked; `error` (a box that must be ticked) is shown above it and read
    /// with it.
    static func checkbox(_ name: String, label: String, checked: Bool, hint: String? = nil, error: String? = nil) -> HNode {
        let id = fieldID(name)
        return H.el(
            "div", ["class": "form-group" + (error == nil ? "" : " form-group-error")],
            [
                .unwrap(error) { e in
                    H.el(
                        "p", ["id": id + "-error", "class": "error-message"],
                        [H.el("span", ["class": "visually-hidden"], [.text("Error: ")]), .text(e)])
                },
                H.el(
                    "div", ["class": "checkbox"],
                    [
                        H.void(
                            "input",
                            [
                                "type": "checkbox", "id": id, "name": name, "value": "true", "checked": checked ? "" : nil,
                                "aria-describedby": describedBy(id, hint: hint, error: error), "aria-invalid": error == nil ? nil : "true",
                            ]),
                        H.el("label", ["for": id], [.text(label)]),
                    ]),
                .unwrap(hint) { H.el("div", ["id": id + "-hint", "class": "hint"], [.text($0)]) },
            ])
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
