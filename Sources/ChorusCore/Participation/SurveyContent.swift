import Foundation

/// What a survey's text and settings must be before it is saved, beside `SurveyLogic.problems` (which checks its
/// conditions): ids a condition and an export column can name, wording a resident can read, and settings that fit
/// the question (a grid has rows, picks fit the options). Each message names the page or question.
public enum SurveyContent {
    public static let maxQuestions = 200, maxOptions = 60, maxText = 1000, maxOption = 200

    public static func problems(_ s: SurveyDefinition) -> [String] {
        var out: [String] = []
        if s.pages.isEmpty { out.append("Add a page with at least one question.") }
        if s.questions.count > maxQuestions { out.append("A survey can have at most \(maxQuestions) questions.") }
        for page in s.pages {
            if !isID(page.id) { out.append("Page id \"\(page.id)\" must be 1 to 40 letters, digits, - or _.") }
            if let t = page.title, let p = textProblem(t, max: maxOption) { out.append("Page \(page.id)'s title \(p)") }
            for q in page.questions { out += problems(q) }
        }
        for (language, entries) in (s.translations ?? [:]).sorted(by: { $0.key < $1.key }) {
            let shape = language.count >= 2 && language.count <= 12 && language.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "-") }
            if !shape { out.append("Translation language \"\(language.prefix(20))\" must be a language code like ur or zh-Hans.") }
            for (key, entry) in entries.sorted(by: { $0.key < $1.key }) {
                if let p = textProblem(entry.text, max: 5000, multiline: true) { out.append("The \(language) translation of \(key.prefix(60)) \(p)") }
            }
        }
        return out
    }

    static func problems(_ q: SurveyQuestion) -> [String] {
        var out: [String] = []
        let name = "Question \(q.id)"
        if !isID(q.id) { out.append("Question id \"\(q.id)\" must be 1 to 40 letters, digits, - or _.") }
        if q.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { out.append("\(name) has no wording: write the question.") }
        if let p = textProblem(q.text, max: maxText) { out.append("\(name)'s wording \(p)") }
        for (label, t) in [("hint", q.hint), ("more information", q.info), ("low label", q.lowLabel), ("high label", q.highLabel)] {
            if let t, let p = textProblem(t, max: label == "more information" ? 5000 : maxText, multiline: label == "more information") {
                out.append("\(name)'s \(label) \(p)")
            }
        }
        if q.options.count > maxOptions { out.append("\(name) has more than \(maxOptions) answers to choose from.") }
        if Set(q.options).count != q.options.count { out.append("\(name) lists the same answer twice.") }
        for o in q.options {
            if o.trimmingCharacters(in: .whitespaces).isEmpty { out.append("\(name) has an empty answer: remove it or write it.") }
            if o == SurveyAnswers.otherValue {
                out.append("\(name) has an answer spelt \(o), which Chorus keeps for \"Other\": use allowOther instead.")
            }
            if let p = textProblem(o, max: maxOption) { out.append("\(name)'s answer \"\(o.prefix(40))\" \(p)") }
        }
        switch q.kind {
        case .grid:
            let rows = q.rows ?? []
            if rows.isEmpty { out.append("\(name) is a grid with no rows: add the things to rate.") }
            if q.options.isEmpty { out.append("\(name) is a grid with no scale: add the answers each row is rated on.") }
            if Set(rows).count != rows.count { out.append("\(name) lists the same row twice.") }
            for r in rows { if let p = textProblem(r, max: maxOption) { out.append("\(name)'s row \"\(r.prefix(40))\" \(p)") } }
        case .ranking:
            if q.options.count < 2 { out.append("\(name) ranks fewer than 2 things: add them.") }
        case .multipleChoice:
            let n = q.options.count + (q.allowOther == true ? 1 : 0)
            if let lo = q.minPicks, lo < 0 || lo > n { out.append("\(name)'s fewest picks must be between 0 and \(n).") }
            if let hi = q.maxPicks, hi < 1 || hi > n { out.append("\(name)'s most picks must be between 1 and \(n).") }
            if let lo = q.minPicks, let hi = q.maxPicks, lo > hi { out.append("\(name)'s fewest picks is more than its most picks.") }
        case .number:
            if let lo = q.minValue, let hi = q.maxValue, lo > hi { out.append("\(name)'s lowest number is more than its highest.") }
        case .shortText, .longText:
            if let m = q.maxLength, m < 1 || m > 20_000 { out.append("\(name)'s character limit must be between 1 and 20000.") }
        default: break
        }
        return out
    }

    static func isID(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 40 && s.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "-" || $0 == "_" }
    }

    static func textProblem(_ s: String, max: Int, multiline: Bool = false) -> String? {
        if Validation.hasControlCharacters(s) { return "must not contain control characters." }
        if !multiline && Validation.hasLineBreaks(s) { return "must be on one line." }
        if s.unicodeScalars.count > max { return "must be \(max) characters or fewer." }
        return nil
    }
}
