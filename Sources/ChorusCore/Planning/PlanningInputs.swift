import Foundation

extension ElectionPeriod {
    /// Pre-election periods from configuration: `2027-03-25..2027-05-06 Local elections; 2028-03-23..2028-05-04 PCC`.
    /// Returns the periods, or a message saying which entry is wrong.
    public static func parseList(_ text: String) -> Result<[ElectionPeriod], FieldError> {
        var out: [ElectionPeriod] = []
        for (i, raw) in text.split(separator: ";").enumerated() {
            let entry = raw.trimmingCharacters(in: .whitespaces)
            guard !entry.isEmpty else { continue }
            let parts = entry.split(separator: " ", maxSplits: 1)
            let dates = parts[0].components(separatedBy: "..")
            guard dates.count == 2, let from = Day(iso: dates[0]), let to = Day(iso: dates[1]), from <= to else {
                return .failure(FieldError("election_periods", "entry \(i + 1) (\"\(entry)\") must look like 2027-03-25..2027-05-06 Local elections"))
            }
            let name = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : "Pre-election period"
            out.append(ElectionPeriod(name: name.isEmpty ? "Pre-election period" : name, from: from, to: to))
        }
        return .success(out)
    }
}

extension AudienceProfile {
    /// What the method advisor needs to know about an audience from the taxonomy, read from its name and kind: who is
    /// young, older, disabled, or (identity communities and tenants, carers, language groups) seldom heard.
    public static func inferred(name: String, kind: AudienceKind) -> AudienceProfile {
        let n = name.lowercased()
        func has(_ words: [String]) -> Bool { words.contains { n.contains($0) } }
        let languages = ["urdu", "punjabi", "polish", "bengali", "somali", "arabic", "romanian", "gujarati", "portuguese"].filter { n.contains($0) }
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
        return AudienceProfile(
            name: name,
            seldomHeard: kind == .identity || !languages.isEmpty
                || has(["carer", "tenant", "homeless", "traveller", "refugee", "asylum", "send", "faith"]),
            youngPeople: has(["young", "youth", "child", "student", "11–25", "teen"]),
            olderPeople: has(["older", "65+", "elderly", "later life"]),
            disabledPeople: has(["disab", "send", "deaf", "blind", "learning difficult"]),
            digitallyExcluded: has(["older", "65+", "homeless", "digital"]),
            languages: languages)
    }
}
