import Foundation

/// Reading one question's answer from a posted HTML form (no JavaScript: radios, checkboxes, text boxes, selects and
/// the GOV.UK three-box date), checking it, and turning stored answers back into a form, a check-your-answers list
/// and a display order. Pure: the app passes the posted fields and a way to find a ward.
///
/// Stored answers are question id → values, as `SurveyLogic` reads them:
/// - short and long text, number (canonical decimal, "1200" / "-3.5"), date ("yyyy-mm-dd"), ward, scale, single
///   choice: one value;
/// - multiple choice: the chosen options in the question's option order, `otherValue` last when they chose it;
/// - ranking: the options in ranked order (first is rank 1);
/// - grid: one value per row in row order ("" for a row left unanswered when the question is optional);
/// - agree: `["agree"]`.
///
/// The text typed for "Other, please say" is stored under `otherKey(id)` as a one-element array. An unanswered
/// optional question stores nothing.
public enum SurveyAnswers {
    /// The value of the "Other, please say" choice. Reserved: an option spelt the same would be read as Other.
    public static let otherValue = "__other"
    /// The value an agree-to-statement question stores when ticked.
    public static let agree = "agree"
    /// Default most characters for short and long text when `maxLength` is not set.
    public static let shortTextDefault = 500
    public static let longTextDefault = 5000

    // MARK: - Field names

    /// The form field of a question ("q-" + id). The error summary links to `#` + this (see `anchor`), so the
    /// question's first input carries it as its id.
    public static func field(_ q: SurveyQuestion) -> String { "q-" + q.id }
    /// The radio group of the grid row at `rowIndex` (0-based into `rows`), numbered from 1 as the export's columns
    /// are: "q-<id>-r1" is the first row. Its values are the options.
    public static func gridRowField(_ q: SurveyQuestion, rowIndex: Int) -> String { field(q) + "-r\(rowIndex + 1)" }
    /// The rank (1…n) given to the ranking option at `optionIndex` (0-based into `options`, whatever the display
    /// order), numbered from 1: "q-<id>-k1" is the first option as written.
    public static func rankField(_ q: SurveyQuestion, optionIndex: Int) -> String { field(q) + "-k\(optionIndex + 1)" }
    /// One box of the date pattern.
    public static func dateField(_ q: SurveyQuestion, _ part: SurveyDatePart) -> String { field(q) + "-" + part.rawValue }
    /// The "Other, please say" text box.
    public static func otherField(_ q: SurveyQuestion) -> String { field(q) + "-other" }
    /// Where the other text is stored in the answers.
    public static func otherKey(_ id: String) -> String { id + "#other" }

    /// The field the error summary links to for this problem: the box that needs changing.
    public static func anchor(_ q: SurveyQuestion, _ problem: SurveyAnswerProblem) -> String {
        switch (q.kind, problem) {
        case (.date, .datePartMissing(let part)): return dateField(q, part)
        case (.date, _): return dateField(q, .day)
        case (.grid, .gridRowMissing(let row)): return gridRowField(q, rowIndex: (q.rows ?? []).firstIndex(of: row) ?? 0)
        case (.grid, _): return gridRowField(q, rowIndex: 0)
        case (.ranking, _): return rankField(q, optionIndex: 0)
        case (.singleChoice, .otherTextMissing), (.singleChoice, .tooLong), (.singleChoice, .lineBreak), (.singleChoice, .controlCharacters),
            (.multipleChoice, .otherTextMissing), (.multipleChoice, .tooLong), (.multipleChoice, .lineBreak),
            (.multipleChoice, .controlCharacters):
            return otherField(q)
        default: return field(q)
        }
    }

    // MARK: - Reading a posted form

    /// The entries to store for this question (its id → values, plus `otherKey` when Other was chosen; empty when it
    /// is optional and unanswered), or the one problem to show beside it.
    public static func read(
        _ q: SurveyQuestion, form: [String: [String]], place: (String) -> String?
    ) -> Result<[String: [String]], SurveyAnswerProblem> {
        func one(_ name: String) -> String { form[name]?.first ?? "" }
        func chosen(_ name: String) -> [String] { (form[name] ?? []).filter { !$0.isEmpty } }
        func stored(_ values: [String], other: String? = nil) -> Result<[String: [String]], SurveyAnswerProblem> {
            var out = [q.id: values]
            if let other { out[otherKey(q.id)] = [other] }
            return .success(out)
        }
        let unanswered: Result<[String: [String]], SurveyAnswerProblem> = q.required ? .failure(.required) : .success([:])
        let allowOther = q.allowOther == true
        func otherText() -> Result<String, SurveyAnswerProblem> {
            switch text(one(otherField(q)), singleLine: true, max: shortTextDefault) {
            case .success(let t) where t.isEmpty: return .failure(.otherTextMissing)
            case let result: return result
            }
        }

        switch q.kind {
        case .section:
            return .success([:])
        case .shortText, .longText:
            let short = q.kind == .shortText
            switch text(one(field(q)), singleLine: short, max: q.maxLength ?? (short ? shortTextDefault : longTextDefault)) {
            case .failure(let p): return .failure(p)
            case .success(let t): return t.isEmpty ? unanswered : stored([t])
            }
        case .singleChoice, .scale:
            let values = chosen(field(q))
            guard let value = values.first else { return unanswered }
            guard values.allSatisfy({ $0 == value }) else { return .failure(.notAnOption) }
            if q.kind == .singleChoice && allowOther && value == otherValue {
                return otherText().flatMap { stored([otherValue], other: $0) }
            }
            return q.options.contains(value) ? stored([value]) : .failure(.notAnOption)
        case .multipleChoice:
            let values = chosen(field(q))
            guard !values.isEmpty else { return unanswered }
            guard Set(values).count == values.count else { return .failure(.notAnOption) }
            let withOther = allowOther && values.contains(otherValue)
            guard values.allSatisfy({ q.options.contains($0) || (allowOther && $0 == otherValue) }) else { return .failure(.notAnOption) }
            if let min = q.minPicks, values.count < min { return .failure(.tooFewPicks(min: min)) }
            if let max = q.maxPicks, values.count > max { return .failure(.tooManyPicks(max: max)) }
            let ordered = q.options.filter { values.contains($0) } + (withOther ? [otherValue] : [])
            guard withOther else { return stored(ordered) }
            return otherText().flatMap { stored(ordered, other: $0) }
        case .ranking:
            let n = q.options.count
            let typed = q.options.indices.map { normaliseDigits(one(rankField(q, optionIndex: $0))).trimmingCharacters(in: .whitespacesAndNewlines) }
            if typed.allSatisfy(\.isEmpty) { return unanswered }
            let ranks = typed.map { $0.count <= 4 && $0.allSatisfy(\.isASCII) ? Int($0) : nil }
            guard ranks.allSatisfy({ $0.map { (1...n).contains($0) } ?? false }) else { return .failure(.rankingIncomplete) }
            let given = ranks.compactMap { $0 }
            guard Set(given).count == n else { return .failure(.rankingRepeated) }
            return stored(zip(given, q.options).sorted { $0.0 < $1.0 }.map(\.1))
        case .number:
            let typed = one(field(q)).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !typed.isEmpty else { return unanswered }
            guard let value = canonicalNumber(typed), let double = Double(value), double.isFinite else { return .failure(.notANumber) }
            if let min = q.minValue, double < min { return .failure(.outOfRange(min: min, max: q.maxValue)) }
            if let max = q.maxValue, double > max { return .failure(.outOfRange(min: q.minValue, max: max)) }
            return stored([value])
        case .date:
            let parts = SurveyDatePart.allCases.map { one(dateField(q, $0)).trimmingCharacters(in: .whitespacesAndNewlines) }
            if parts.allSatisfy(\.isEmpty) { return unanswered }
            if let missing = zip(SurveyDatePart.allCases, parts).first(where: { $0.1.isEmpty }) {
                return .failure(.datePartMissing(part: missing.0))
            }
            guard let date = isoDate(day: parts[0], month: parts[1], year: parts[2]) else { return .failure(.notADate) }
            return stored([date])
        case .grid:
            let rows = q.rows ?? []
            let values = rows.indices.map { one(gridRowField(q, rowIndex: $0)) }
            if values.allSatisfy(\.isEmpty) { return unanswered }
            guard values.allSatisfy({ $0.isEmpty || q.options.contains($0) }) else { return .failure(.notAnOption) }
            if q.required, let missing = values.firstIndex(of: "") { return .failure(.gridRowMissing(row: rows[missing])) }
            return stored(values)
        case .ward:
            let typed = one(field(q)).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !typed.isEmpty else { return unanswered }
            guard typed.unicodeScalars.count <= 200, !typed.unicodeScalars.contains(where: isControl), let ward = place(typed) else {
                return .failure(.placeNotFound)
            }
            return stored([ward])
        case .agree:
            let values = chosen(field(q))
            guard !values.isEmpty else { return q.required ? .failure(.mustAgree) : .success([:]) }
            return values.allSatisfy({ $0 == agree }) ? stored([agree]) : .failure(.notAnOption)
        }
    }

    /// Every question of a page (pass only those shown: `SurveyLogic.visible`), in order: what to store, and each
    /// problem with its question for the error summary.
    public static func readPage(
        _ questions: [SurveyQuestion], form: [String: [String]], place: (String) -> String?
    ) -> (answers: [String: [String]], problems: [(SurveyQuestion, SurveyAnswerProblem)]) {
        var answers: [String: [String]] = [:]
        var problems: [(SurveyQuestion, SurveyAnswerProblem)] = []
        for q in questions {
            switch read(q, form: form, place: place) {
            case .success(let entries): answers.merge(entries) { _, new in new }
            case .failure(let problem): problems.append((q, problem))
            }
        }
        return (answers, problems)
    }

    // MARK: - Back to a form, a list, an order

    /// The form fields that show these stored answers again (field name → values; several for checkboxes), the
    /// inverse of `read`: reading them back gives the same entries.
    public static func formValues(_ q: SurveyQuestion, answers: [String: [String]]) -> [String: [String]] {
        guard let values = answers[q.id], !values.isEmpty else { return [:] }
        var out: [String: [String]] = [:]
        switch q.kind {
        case .section:
            return [:]
        case .shortText, .longText, .singleChoice, .scale, .number, .ward, .agree:
            out[field(q)] = [values[0]]
        case .multipleChoice:
            out[field(q)] = values
        case .ranking:
            for (i, option) in q.options.enumerated() {
                if let rank = values.firstIndex(of: option) { out[rankField(q, optionIndex: i)] = [String(rank + 1)] }
            }
        case .date:
            let parts = values[0].split(separator: "-").map { String(Int($0) ?? 0) }
            guard parts.count == 3 else { return [:] }
            out[dateField(q, .year)] = [parts[0]]
            out[dateField(q, .month)] = [parts[1]]
            out[dateField(q, .day)] = [parts[2]]
        case .grid:
            for (i, value) in values.enumerated() where !value.isEmpty { out[gridRowField(q, rowIndex: i)] = [value] }
        }
        if values.contains(otherValue), let text = answers[otherKey(q.id)]?.first { out[otherField(q)] = [text] }
        return out
    }

    /// The options in the order this resident sees them: as written, unless `shuffle` is set on a single choice,
    /// multiple choice or ranking question (scales and grids keep their order: it means something), then in an order
    /// fixed by `seed` (the response's id) and the question, the same on every page view and every server.
    public static func order(_ q: SurveyQuestion, seed: String) -> [String] {
        guard q.shuffle == true, [.singleChoice, .multipleChoice, .ranking].contains(q.kind) else { return q.options }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (seed + "\u{0}" + q.id).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        var state = hash
        func next() -> UInt64 {
            state = state &+ 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var out = q.options
        for i in stride(from: out.count - 1, to: 0, by: -1) { out.swapAt(i, Int(next() % UInt64(i + 1))) }
        return out
    }

    /// The lines a check-your-answers page shows for this question (empty: not answered). Dates are "yyyy-mm-dd" for
    /// the page to show in the resident's language.
    public static func summary(_ q: SurveyQuestion, _ answers: [String: [String]]) -> [String] {
        guard let values = answers[q.id], !values.isEmpty else { return [] }
        let otherText = answers[otherKey(q.id)]?.first ?? ""
        switch q.kind {
        case .section: return []
        case .singleChoice, .multipleChoice: return values.map { $0 == otherValue ? otherText : q.label($0) }
        case .ranking: return values.enumerated().map { "\($0.offset + 1). \(q.label($0.element))" }
        case .grid:
            let rows = q.rows ?? []
            return zip(rows, values).filter { !$0.1.isEmpty }.map { "\($0.0): \(q.label($0.1))" }
        case .scale:
            let value = values[0], shown = q.label(value)
            if value == q.options.first, let low = q.lowLabel, !low.isEmpty { return ["\(shown) (\(low))"] }
            if value == q.options.last, let high = q.highLabel, !high.isEmpty { return ["\(shown) (\(high))"] }
            return [shown]
        case .shortText, .longText, .number, .date, .ward, .agree: return [values[0]]
        }
    }

    // MARK: - Checks

    /// Typed text as stored: line endings made "\n", trimmed; refused with a line break when `singleLine`, with
    /// control characters (tab and, for long text, line breaks are fine), or longer than `max` Unicode scalars.
    static func text(_ raw: String, singleLine: Bool, max: Int) -> Result<String, SurveyAnswerProblem> {
        let t = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let breaks: Set<Unicode.Scalar> = ["\n", "\u{85}", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}"]
        if singleLine && t.unicodeScalars.contains(where: breaks.contains) { return .failure(.lineBreak) }
        if t.unicodeScalars.contains(where: { isControl($0) && $0 != "\t" && $0 != "\n" }) { return .failure(.controlCharacters) }
        if t.unicodeScalars.count > max { return .failure(.tooLong(max: max)) }
        return .success(t)
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool { s.properties.generalCategory == .control }

    /// Digits in any script (Urdu keyboards type ۱۲۳) as ASCII digits; the Unicode minus as "-".
    static func normaliseDigits(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if scalar == "\u{2212}" {
                out.append("-")
            } else if !scalar.isASCII, scalar.properties.numericType == .decimal, let v = scalar.properties.numericValue, (0...9).contains(v) {
                out.append(Unicode.Scalar(UInt8(48 + Int(v))))
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// A typed number as a canonical decimal ("1,200" → "1200", "+012.50" → "12.5", "-0" → "0"), nil when it is not
    /// one (letters, "1,2", exponents, NaN, more than 40 characters). Commas only as thousands separators.
    static func canonicalNumber(_ typed: String) -> String? {
        let s = normaliseDigits(typed).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !s.isEmpty, s.count <= 40, s.allSatisfy(\.isASCII) else { return nil }
        var rest = Substring(s)
        var negative = false
        if let sign = rest.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            rest = rest.dropFirst()
        }
        let pieces = rest.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count <= 2 else { return nil }
        var whole = String(pieces[0])
        let fraction = pieces.count == 2 ? String(pieces[1]) : ""
        if whole.contains(",") {
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            whole = groups.joined()
        }
        guard !(whole.isEmpty && fraction.isEmpty), (whole + fraction).allSatisfy(\.isWholeNumber) else { return nil }
        let intPart = String(whole.drop { $0 == "0" })
        var fracPart = fraction
        while fracPart.last == "0" { fracPart.removeLast() }
        let magnitude = (intPart.isEmpty ? "0" : intPart) + (fracPart.isEmpty ? "" : "." + fracPart)
        return negative && magnitude != "0" ? "-" + magnitude : magnitude
    }

    private static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]

    /// The three boxes as "yyyy-mm-dd" when they make a real date (a 4-digit year; the month as a number or an English
    /// name such as "Mar" or "March"), else nil.
    static func isoDate(day: String, month: String, year: String) -> String? {
        func number(_ s: String, digits: ClosedRange<Int>) -> Int? {
            let n = normaliseDigits(s)
            guard digits.contains(n.count), n.allSatisfy({ $0.isASCII && $0.isWholeNumber }) else { return nil }
            return Int(n)
        }
        let name = month.lowercased()
        let m = number(month, digits: 1...2) ?? months.firstIndex { name.count >= 3 && $0.hasPrefix(name) }.map { $0 + 1 }
        guard let d = number(day, digits: 1...2), let m, let y = number(year, digits: 4...4), (1...12).contains(m), y >= 1000 else {
            return nil
        }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[m - 1]).contains(d) else { return nil }
        func pad(_ v: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(v).count)) + String(v) }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }
}

/// A box of the GOV.UK date pattern, in the order shown.
public enum SurveyDatePart: String, Sendable, CaseIterable {
    case day, month, year
}

/// What is wrong with one answer. `key` and `arguments` are for the resident's catalogue (`{max}`, `{min}`, `{row}`
/// in its text are `arguments`; `englishCatalogue` holds the English text of every key); `english` is the sentence
/// for staff pages and the API.
public enum SurveyAnswerProblem: Error, Equatable, Sendable {
    case required
    case tooLong(max: Int)
    case lineBreak
    case controlCharacters
    case notAnOption
    case otherTextMissing
    case tooFewPicks(min: Int)
    case tooManyPicks(max: Int)
    case notANumber
    /// Either bound may be missing.
    case outOfRange(min: Double?, max: Double?)
    case datePartMissing(part: SurveyDatePart)
    case notADate
    /// A rank missing, or not a whole number from 1 to the number of options.
    case rankingIncomplete
    case rankingRepeated
    /// `row` is the row's text.
    case gridRowMissing(row: String)
    case placeNotFound
    case mustAgree

    /// The English text of every key, with `{name}` for `arguments`: the app merges it into its catalogue and adds
    /// the other languages.
    public static let englishCatalogue: [String: String] = [
        "survey.problem.required": "Answer this question",
        "survey.problem.too_long": "Enter {max} characters or fewer",
        "survey.problem.line_break": "Enter your answer on one line",
        "survey.problem.control_characters": "Your answer has hidden characters that cannot be saved: type it again",
        "survey.problem.not_an_option": "Choose from the answers given",
        "survey.problem.other_text_missing": "Say what your other answer is",
        "survey.problem.too_few_picks": "Choose at least {min} answers",
        "survey.problem.too_few_picks_one": "Choose at least 1 answer",
        "survey.problem.too_many_picks": "Choose {max} answers or fewer",
        "survey.problem.too_many_picks_one": "Choose only 1 answer",
        "survey.problem.not_a_number": "Enter a number, like 12 or 3.5",
        "survey.problem.out_of_range.between": "Enter a number from {min} to {max}",
        "survey.problem.out_of_range.at_least": "Enter a number of {min} or more",
        "survey.problem.out_of_range.at_most": "Enter a number of {max} or less",
        "survey.problem.date_part_missing.day": "The date must include a day",
        "survey.problem.date_part_missing.month": "The date must include a month",
        "survey.problem.date_part_missing.year": "The date must include a year",
        "survey.problem.not_a_date": "Enter a real date, like 27 3 2025",
        "survey.problem.ranking_incomplete": "Give every option a rank, from 1 for the most important",
        "survey.problem.ranking_repeated": "Give each option a different rank",
        "survey.problem.grid_row_missing": "Choose an answer for {row}",
        "survey.problem.place_not_found": "Enter a postcode or ward name in the area",
        "survey.problem.must_agree": "Tick the box to say you agree",
    ]

    /// The catalogue key.
    public var key: String {
        switch self {
        case .required: return "survey.problem.required"
        case .tooLong: return "survey.problem.too_long"
        case .lineBreak: return "survey.problem.line_break"
        case .controlCharacters: return "survey.problem.control_characters"
        case .notAnOption: return "survey.problem.not_an_option"
        case .otherTextMissing: return "survey.problem.other_text_missing"
        case .tooFewPicks(let min): return min == 1 ? "survey.problem.too_few_picks_one" : "survey.problem.too_few_picks"
        case .tooManyPicks(let max): return max == 1 ? "survey.problem.too_many_picks_one" : "survey.problem.too_many_picks"
        case .notANumber: return "survey.problem.not_a_number"
        case .outOfRange(let min, let max):
            switch (min, max) {
            case (.some, .some): return "survey.problem.out_of_range.between"
            case (.some, nil): return "survey.problem.out_of_range.at_least"
            default: return "survey.problem.out_of_range.at_most"
            }
        case .datePartMissing(let part): return "survey.problem.date_part_missing." + part.rawValue
        case .notADate: return "survey.problem.not_a_date"
        case .rankingIncomplete: return "survey.problem.ranking_incomplete"
        case .rankingRepeated: return "survey.problem.ranking_repeated"
        case .gridRowMissing: return "survey.problem.grid_row_missing"
        case .placeNotFound: return "survey.problem.place_not_found"
        case .mustAgree: return "survey.problem.must_agree"
        }
    }

    /// The values to fill in, by name ("max", "min", "row").
    public var arguments: [String: String] {
        switch self {
        case .tooLong(let max), .tooManyPicks(let max): return ["max": String(max)]
        case .tooFewPicks(let min): return ["min": String(min)]
        case .outOfRange(let min, let max):
            var out: [String: String] = [:]
            if let min { out["min"] = Self.show(min) }
            if let max { out["max"] = Self.show(max) }
            return out
        case .gridRowMissing(let row): return ["row": row]
        default: return [:]
        }
    }

    /// A plain English sentence ("Enter 500 characters or fewer").
    public var english: String {
        Self.fill(Self.englishCatalogue[key] ?? key, arguments)
    }

    /// `template` with each `{name}` replaced by its argument, in one pass (a row called "{max}" stays as typed).
    public static func fill(_ template: String, _ arguments: [String: String]) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            if let close = rest[open...].firstIndex(of: "}"), let value = arguments[String(rest[rest.index(after: open)..<close])] {
                out += value
                rest = rest[rest.index(after: close)...]
            } else {
                out.append("{")
                rest = rest[rest.index(after: open)...]
            }
        }
        return out + rest
    }

    /// A bound as people write it: 10 not 10.0.
    static func show(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }
}
