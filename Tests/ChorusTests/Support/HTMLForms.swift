import Foundation

/// Just enough HTML reading for tests that crawl Chorus's own pages: its markup is generated (attributes double-quoted),
/// so tags and attributes can be read with patterns.
enum HTMLForms {
    struct Form {
        var action: String
        var method: String
        /// Hidden and pre-filled fields as the browser would send them (first option of each select, checked boxes).
        var fixed: [(String, String)]
        /// Names of the fields a person types into: text-like inputs and textareas.
        var typed: [String]
    }

    static func attributes(_ tag: Substring) -> [String: String] {
        var out: [String: String] = [:]
        let regex = try! NSRegularExpression(pattern: #"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?"#)
        let s = String(tag)
        let ns = s as NSString
        // Skip the tag name itself.
        let start = (s.firstIndex(of: " ").map { s.distance(from: s.startIndex, to: $0) }) ?? s.count
        for m in regex.matches(in: s, range: NSRange(location: start, length: ns.length - start)) {
            let name = ns.substring(with: m.range(at: 1))
            let value = m.range(at: 2).location == NSNotFound ? "" : ns.substring(with: m.range(at: 2))
            out[name] = decode(value)
        }
        return out
    }

    static func decode(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Every `<form>` on the page with its fields.
    static func forms(in html: String) -> [Form] {
        var result: [Form] = []
        var rest = html[...]
        while let open = rest.range(of: "<form "), let openEnd = rest[open.upperBound...].firstIndex(of: ">"),
            let close = rest[openEnd...].range(of: "</form>")
        {
            let formAttrs = attributes(rest[open.lowerBound..<openEnd])
            let inner = rest[openEnd..<close.lowerBound]
            var form = Form(action: formAttrs["action"] ?? "", method: formAttrs["method"] ?? "get", fixed: [], typed: [])
            for tag in tags(named: "input", in: inner) {
                let a = attributes(tag)
                guard let name = a["name"] else { continue }
                let type = a["type"] ?? "text"
                switch type {
                case "hidden": form.fixed.append((name, a["value"] ?? ""))
                case "checkbox", "radio": if a["checked"] != nil { form.fixed.append((name, a["value"] ?? "on")) }
                case "text", "search", "email", "url", "tel": form.typed.append(name)
                case "date", "number", "password", "file", "submit": continue
                default: continue
                }
            }
            for tag in tags(named: "textarea", in: inner) { if let name = attributes(tag)["name"] { form.typed.append(name) } }
            var selects = inner
            while let s = selects.range(of: "<select "), let end = selects[s.upperBound...].range(of: "</select>") {
                let tagEnd = selects[s.lowerBound...].firstIndex(of: ">")!
                let name = attributes(selects[s.lowerBound..<tagEnd])["name"]
                let options = tags(named: "option", in: selects[tagEnd..<end.lowerBound]).map(attributes)
                if let name, let chosen = options.first(where: { $0["selected"] != nil }) ?? options.first(where: { ($0["value"] ?? "") != "" }) {
                    form.fixed.append((name, chosen["value"] ?? ""))
                }
                selects = selects[end.upperBound...]
            }
            result.append(form)
            rest = rest[close.upperBound...]
        }
        return result
    }

    /// Same-site links (`href` of `<a>`), without fragments.
    static func links(in html: String) -> [String] {
        tags(named: "a", in: html[...]).compactMap { attributes($0)["href"] }
            .filter { $0.hasPrefix("/") && !$0.hasPrefix("//") }
            .map { String($0.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]) }
    }

    private static func tags(named name: String, in html: Substring) -> [Substring] {
        var out: [Substring] = []
        var rest = html
        while let r = rest.range(of: "<\(name) ") ?? rest.range(of: "<\(name)>"), let end = rest[r.lowerBound...].firstIndex(of: ">") {
            out.append(rest[r.lowerBound..<end])
            rest = rest[rest.index(after: end)...]
        }
        return out
    }
}
