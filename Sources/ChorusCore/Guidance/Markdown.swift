import Foundation

/// The Markdown the good-practice library is written in: a small, safe subset, parsed to plain values that a view
/// renders with every text escaped, so a guide can never carry HTML or script. Headings (`#` to `###`, shown one level
/// below the page's title), paragraphs (lines joined), bullet (`-`, `*`) and numbered (`1.`) lists, quotes (`>`), and
/// inline **strong**, _emphasis_, `code` and [links](https://…) whose address is https, http, mailto or a Chorus page
/// (`/…`); any other link keeps its words and drops its address. Everything else is text. Pure.
public enum Markdown {
    public enum Inline: Sendable, Equatable {
        case text(String)
        case strong(String)
        case emphasis(String)
        case code(String)
        case link(text: String, url: String)
    }

    public enum Block: Sendable, Equatable {
        /// 2, 3 or 4: the HTML heading level (`#` is h2, under the page's h1).
        case heading(level: Int, [Inline])
        case paragraph([Inline])
        case bullets([[Inline]])
        case numbered([[Inline]])
        case quote([Inline])
    }

    public static func parse(_ source: String) -> [Block] {
        var blocks: [Block] = []
        var paragraph: [String] = [], quote: [String] = [], bullets: [String] = [], numbered: [String] = []
        func flush() {
            if !paragraph.isEmpty { blocks.append(.paragraph(inline(paragraph.joined(separator: " ")))); paragraph = [] }
            if !quote.isEmpty { blocks.append(.quote(inline(quote.joined(separator: " ")))); quote = [] }
            if !bullets.isEmpty { blocks.append(.bullets(bullets.map(inline))); bullets = [] }
            if !numbered.isEmpty { blocks.append(.numbered(numbered.map(inline))); numbered = [] }
        }
        for raw in source.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { flush(); continue }
            if let (level, text) = heading(line) {
                flush()
                blocks.append(.heading(level: level, inline(text)))
            } else if let item = bullet(line) {
                if bullets.isEmpty { flush() }
                bullets.append(item)
            } else if let item = numberedItem(line) {
                if numbered.isEmpty { flush() }
                numbered.append(item)
            } else if line.hasPrefix(">") {
                if quote.isEmpty { flush() }
                quote.append(line.dropFirst().trimmingCharacters(in: .whitespaces))
            } else if !bullets.isEmpty || !numbered.isEmpty || !quote.isEmpty {
                // A line under a list item or quote continues it.
                if !bullets.isEmpty {
                    bullets[bullets.count - 1] += " " + line
                } else if !numbered.isEmpty {
                    numbered[numbered.count - 1] += " " + line
                } else {
                    quote.append(line)
                }
            } else {
                paragraph.append(line)
            }
        }
        flush()
        return blocks
    }

    /// The words alone, for search and summaries.
    public static func plainText(_ blocks: [Block]) -> String {
        func words(_ parts: [Inline]) -> String {
            parts.map {
                switch $0 {
                case .text(let s), .strong(let s), .emphasis(let s), .code(let s): return s
                case .link(let text, _): return text
                }
            }.joined()
        }
        return blocks.map { b -> String in
            switch b {
            case .heading(_, let p), .paragraph(let p), .quote(let p): return words(p)
            case .bullets(let items), .numbered(let items): return items.map(words).joined(separator: " ")
            }
        }.joined(separator: "\n")
    }

    /// An address a link may keep: https, http, mailto, or a Chorus page (one leading slash), with no spaces or quotes
    /// (`WebAddress`); a backquote would end inline code around it.
    public static func isSafeURL(_ url: String) -> Bool {
        guard !url.contains("`") else { return false }
        if url.lowercased().hasPrefix("mailto:") { return !WebAddress.hasUnsafeCharacter(url) }
        return WebAddress.isWeb(url) || WebAddress.isSitePath(url)
    }

    static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...3).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return (hashes + 1, line.dropFirst(hashes + 1).trimmingCharacters(in: .whitespaces))
    }

    static func bullet(_ line: String) -> String? {
        guard line.hasPrefix("- ") || line.hasPrefix("* ") else { return nil }
        return String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces)
    }

    static func numberedItem(_ line: String) -> String? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard rest.hasPrefix(". ") || rest.hasPrefix(") ") else { return nil }
        return rest.dropFirst(2).trimmingCharacters(in: .whitespaces)
    }

    /// The ")" that ends a link's address, allowing balanced parentheses inside it.
    static func linkEnd(_ s: String, from start: String.Index) -> String.Index? {
        var depth = 0
        var i = start
        while i < s.endIndex {
            if s[i] == "(" {
                depth += 1
            } else if s[i] == ")" {
                if depth == 0 { return i }
                depth -= 1
            }
            i = s.index(after: i)
        }
        return nil
    }

    /// Inline marks, left to right; an unclosed mark is text.
    public static func inline(_ s: String) -> [Inline] {
        var out: [Inline] = []
        var text = ""
        var i = s.startIndex
        func emit(_ node: Inline) {
            if !text.isEmpty { out.append(.text(text)); text = "" }
            out.append(node)
        }
        func closing(_ mark: String, from start: String.Index) -> Range<String.Index>? {
            guard start < s.endIndex, let r = s.range(of: mark, range: start..<s.endIndex), r.lowerBound > start else { return nil }
            return r
        }
        while i < s.endIndex {
            let rest = s[i...]
            if rest.hasPrefix("**"), let r = closing("**", from: s.index(i, offsetBy: 2)) {
                emit(.strong(String(s[s.index(i, offsetBy: 2)..<r.lowerBound]))); i = r.upperBound; continue
            }
            if rest.hasPrefix("`"), let r = closing("`", from: s.index(after: i)) {
                emit(.code(String(s[s.index(after: i)..<r.lowerBound]))); i = r.upperBound; continue
            }
            if rest.hasPrefix("_") || rest.hasPrefix("*"), i == s.startIndex || !(s[s.index(before: i)].isLetter || s[s.index(before: i)].isNumber) {
                let mark = String(s[i])
                if let r = closing(mark, from: s.index(after: i)) {
                    emit(.emphasis(String(s[s.index(after: i)..<r.lowerBound]))); i = r.upperBound; continue
                }
            }
            if rest.hasPrefix("["), let close = s.range(of: "](", range: s.index(after: i)..<s.endIndex), let end = linkEnd(s, from: close.upperBound)
            {
                let words = String(s[s.index(after: i)..<close.lowerBound])
                let url = String(s[close.upperBound..<end])
                if isSafeURL(url) { emit(.link(text: words, url: url)) } else { text += words }
                i = s.index(after: end)
                continue
            }
            text.append(s[i])
            i = s.index(after: i)
        }
        if !text.isEmpty { out.append(.text(text)) }
        return out
    }
}
