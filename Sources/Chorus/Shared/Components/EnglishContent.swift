import Foundation
import Plot

/// Content that exists only in English (typed by staff) inside a page in another language: marked `lang="en"` and
/// left to right, so screen readers read it in English and it lays out correctly in an Urdu page.
enum EnglishContent {
    static func wrap(_ ctx: PageContext, _ nodes: [HNode], tag: String = "div") -> HNode {
        ctx.language == .english ? .group(nodes) : H.el(tag, ["lang": "en", "dir": "ltr"], nodes)
    }
}
