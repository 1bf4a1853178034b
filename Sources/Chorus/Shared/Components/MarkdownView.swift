import Foundation
import Plot
import ChorusCore

/// Renders ChorusCore's `Markdown` blocks: every text escaped, links only as the parser kept them (safe addresses),
/// external links marked so people know they leave Chorus.
enum MarkdownView {
    static func render(_ blocks: [Markdown.Block]) -> HNode {
        H.el(
            "div", ["class": "prose"],
            blocks.map { b in
                switch b {
                case .heading(let level, let parts): return H.el("h\(level)", ["class": level == 2 ? "heading-m" : "heading-s"], inline(parts))
                case .paragraph(let parts): return H.el("p", [:], inline(parts))
                case .quote(let parts): return H.el("blockquote", ["class": "quote"], [H.el("p", [:], inline(parts))])
                case .bullets(let items): return H.el("ul", ["class": "bullets"], items.map { H.el("li", [:], inline($0)) })
                case .numbered(let items): return H.el("ol", ["class": "numbered"], items.map { H.el("li", [:], inline($0)) })
                }
            })
    }

    static func inline(_ parts: [Markdown.Inline]) -> [HNode] {
        parts.map { p in
            switch p {
            case .text(let s): return .text(s)
            case .strong(let s): return H.el("strong", [:], [.text(s)])
            case .emphasis(let s): return H.el("em", [:], [.text(s)])
            case .code(let s): return H.el("code", [:], [.text(s)])
            case .link(let text, let url):
                return url.hasPrefix("/") ? H.link(text, url) : H.el("a", ["href": url, "rel": "noopener noreferrer external"], [.text(text)])
            }
        }
    }
}
