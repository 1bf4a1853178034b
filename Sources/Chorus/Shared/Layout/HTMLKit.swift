import Plot
import ChorusCore

/// All page content is `Node<HTML.BodyContext>`. Plot escapes element text but writes attribute values as given, so
/// every attribute goes through `H.el` / `H.void`, which escape values with `HTMLEscape.attribute`; Plot's own
/// attribute helpers (`.href`, `.value`, `.title`…) are not used for anything a person typed.
typealias HNode = Node<HTML.BodyContext>

/// Small builders over Plot for elements whose Plot contexts do not nest freely (forms, labels, selects),
/// so components can be reused inside and outside forms. Text is escaped by Plot, attribute values here.
enum H {
    static func el(_ name: String, _ attrs: [String: String?] = [:], _ children: [HNode] = []) -> HNode {
        let attributes: [HNode] = attrs.sorted { $0.key < $1.key }.compactMap { k, v in
            guard let v else { return nil }
            return .attribute(named: k, value: HTMLEscape.attribute(v), ignoreIfValueIsEmpty: false)
        }
        return .element(named: name, nodes: attributes + children)
    }

    static func void(_ name: String, _ attrs: [String: String?]) -> HNode {
        .selfClosedElement(
            named: name,
            attributes: attrs.sorted { $0.key < $1.key }.compactMap { k, v -> Attribute<HTML.BodyContext>? in
                guard let v else { return nil }
                return Attribute(name: k, value: HTMLEscape.attribute(v), ignoreIfValueIsEmpty: false)
            })
    }

    static func text(_ s: String) -> HNode { .text(s) }

    /// A catalogue template with `{1}`, `{2}`… replaced by nodes (e.g. names in `<bdi>` so a left-to-right name
    /// keeps its order inside right-to-left text).
    static func template(_ text: String, _ args: [HNode]) -> HNode {
        var nodes: [HNode] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}"),
            let n = Int(rest[rest.index(after: open)..<close]), n >= 1, n <= args.count
        {
            if open > rest.startIndex { nodes.append(.text(String(rest[..<open]))) }
            nodes.append(args[n - 1])
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { nodes.append(.text(String(rest))) }
        return .group(nodes)
    }

    static func bdi(_ s: String) -> HNode { el("bdi", [:], [.text(s)]) }
    static func link(_ label: String, _ href: String, class cls: String? = nil) -> HNode {
        el("a", ["href": href, "class": cls], [.text(label)])
    }
}
