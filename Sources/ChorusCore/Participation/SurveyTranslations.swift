import Foundation

/// One translated text and the wording it was translated from, so a later change to that wording shows the
/// translation as out of date instead of putting an old meaning in front of residents.
public struct SurveyTranslatedText: Codable, Sendable, Equatable {
    public var source: String
    public var text: String
    public init(source: String, text: String) {
        self.source = source
        self.text = text
    }
}

/// A survey in the languages it is written in. Every text a resident reads (title, introduction, page headings,
/// questions, hints, "more information", scale ends, options, grid rows) has a key; a translation keeps, per key, the
/// text and the wording it was made from. Residents see a language only when every text is translated from the
/// current wording (`Progress.complete`): a half-translated survey would mix two languages on one page and hide
/// changed questions, so until then it is shown in the language it was written in, marked as such. Option values
/// never change with the language: answers, conditions and exports stay the same whichever language a resident used.
public enum SurveyTranslations {
    /// A text to translate: its key, where it is (for the translator), its current wording and how long it may be.
    public struct Text: Sendable, Equatable {
        public let key: String
        public let label: String
        public let source: String
        public let multiline: Bool
        public let max: Int
    }

    /// Every text of the survey in the order a resident meets them. `title` and `intro` are the survey's own.
    public static func texts(_ d: SurveyDefinition, title: String, intro: String) -> [Text] {
        var out = [
            Text(key: "title", label: "Title", source: title, multiline: false, max: 200),
            Text(key: "intro", label: "Introduction", source: intro, multiline: true, max: 5000),
        ]
        let numbers = d.numbers
        for (i, page) in d.pages.enumerated() {
            if let t = page.title, !t.isEmpty {
                out.append(Text(key: "page/\(page.id)", label: "Page \(i + 1) heading", source: t, multiline: false, max: SurveyContent.maxOption))
            }
            for q in page.questions {
                let name = numbers[q.id].map { "Question \($0)" } ?? "Section text"
                func add(_ part: String, _ what: String, _ text: String?, multiline: Bool = false, max: Int = SurveyContent.maxText) {
                    guard let text, !text.isEmpty else { return }
                    out.append(Text(key: "q/\(q.id)/\(part)", label: "\(name): \(what)", source: text, multiline: multiline, max: max))
                }
                add("text", q.kind == .section ? "heading" : "question", q.text)
                add("hint", "hint", q.hint)
                add("info", "more information", q.info, multiline: true, max: 5000)
                add("low", "low end", q.lowLabel)
                add("high", "high end", q.highLabel)
                // An agree question's single option is shown as the interface's own "I agree".
                if q.kind != .agree {
                    for o in q.options { add("option/\(o)", "answer", o, max: SurveyContent.maxOption) }
                }
                for (r, row) in (q.rows ?? []).enumerated() { add("row/\(r + 1)", "row \(r + 1)", row, max: SurveyContent.maxOption) }
            }
        }
        return out
    }

    /// How far a language has got: texts translated from the current wording, translated from wording since changed,
    /// and the total.
    public struct Progress: Sendable, Equatable {
        public let total: Int
        public let current: Int
        public let outOfDate: Int
        public var missing: Int { total - current - outOfDate }
        public var complete: Bool { current == total }
    }

    public static func progress(_ d: SurveyDefinition, title: String, intro: String, language: String) -> Progress {
        let texts = texts(d, title: title, intro: intro)
        let given = d.translations?[language] ?? [:]
        var current = 0, old = 0
        for t in texts {
            guard let entry = given[t.key], !entry.text.isEmpty else { continue }
            if entry.source == t.source { current += 1 } else { old += 1 }
        }
        return Progress(total: texts.count, current: current, outOfDate: old)
    }

    /// The survey as residents read it in `language`: nil unless that language is complete. Ids, kinds, option values
    /// and conditions are unchanged; options carry their wording in `labels`.
    public static func translated(_ d: SurveyDefinition, title: String, intro: String, to language: String)
        -> (definition: SurveyDefinition, title: String, intro: String)?
    {
        guard let given = d.translations?[language], progress(d, title: title, intro: intro, language: language).complete else { return nil }
        func t(_ key: String, _ fallback: String) -> String { given[key]?.text ?? fallback }
        func maybe(_ key: String, _ fallback: String?) -> String? { fallback.map { t(key, $0) } }
        var out = d
        out.translations = nil
        for p in out.pages.indices {
            let pageID = out.pages[p].id
            out.pages[p].title = maybe("page/\(pageID)", out.pages[p].title)
            for i in out.pages[p].questions.indices {
                var q = out.pages[p].questions[i]
                let k = "q/\(q.id)/"
                q.text = t(k + "text", q.text)
                q.hint = maybe(k + "hint", q.hint)
                q.info = maybe(k + "info", q.info)
                q.lowLabel = maybe(k + "low", q.lowLabel)
                q.highLabel = maybe(k + "high", q.highLabel)
                q.rows = q.rows.map { rows in rows.enumerated().map { t(k + "row/\($0.offset + 1)", $0.element) } }
                if q.kind != .agree {
                    q.labels = Dictionary(q.options.map { ($0, t(k + "option/\($0)", $0)) }, uniquingKeysWith: { a, _ in a })
                }
                out.pages[p].questions[i] = q
            }
        }
        return (out, t("title", title), t("intro", intro))
    }

    /// Checks a translator's work before it is kept: each text fits where it goes (one line, length, no control
    /// characters), and a question's options still read as different answers. Returns the problems by key; an empty
    /// text is not a problem (it is not translated yet).
    public static func problems(_ entries: [String: String], texts: [Text]) -> [(key: String, message: String)] {
        var out: [(String, String)] = []
        var optionsSeen: [String: [String: String]] = [:]
        for t in texts {
            guard let typed = entries[t.key], !typed.isEmpty else { continue }
            if let p = SurveyContent.textProblem(typed, max: t.max, multiline: t.multiline) {
                out.append((t.key, "\(t.label) \(p)"))
                continue
            }
            let parts = t.key.split(separator: "/", maxSplits: 3).map(String.init)
            if parts.count == 4, parts[0] == "q", parts[2] == "option" {
                if let other = optionsSeen[parts[1], default: [:]][typed] {
                    out.append(
                        (
                            t.key,
                            "\(t.label) \"\(typed.prefix(40))\" is also the translation of \"\(other.prefix(40))\": each answer needs its own wording."
                        ))
                }
                optionsSeen[parts[1], default: [:]][typed] = t.source
            }
        }
        return out
    }

    /// The definition with `language`'s translations replaced by `entries` (key → text; empty means not translated),
    /// each remembering the wording it was translated from (`sources`, as the translator saw it). Keys that name
    /// no text any more are dropped.
    public static func setting(
        _ d: SurveyDefinition, language: String, entries: [String: String], sources: [String: String], texts: [Text]
    ) -> SurveyDefinition {
        var out = d
        var kept: [String: SurveyTranslatedText] = [:]
        for t in texts {
            guard let typed = entries[t.key]?.trimmingCharacters(in: .whitespacesAndNewlines), !typed.isEmpty else { continue }
            kept[t.key] = SurveyTranslatedText(source: sources[t.key] ?? t.source, text: typed)
        }
        var all = out.translations ?? [:]
        all[language] = kept.isEmpty ? nil : kept
        out.translations = all.isEmpty ? nil : all
        return out
    }
}
