import Foundation

/// A project's costed items as its creator types them, one per line: what it is, a comma, and what it costs
/// ("Six planters, £450"). The target is their sum, so backers see where every pound goes.
public enum CostedItems {
    public struct Item: Sendable, Equatable {
        public let description: String
        public let pence: Int64
        public init(description: String, pence: Int64) {
            self.description = description
            self.pence = pence
        }
    }

    public static let maxItems = 30

    /// The items, or the problems naming each bad line.
    public static func parse(_ text: String) -> (items: [Item], problems: [String]) {
        var items: [Item] = []
        var problems: [String] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        for (n, line) in lines.enumerated() where !line.isEmpty {
            // The first comma after which the rest is an amount: "Fridge, £1,100" costs £1,100, and "Paint, 3 colours, £50" is paint.
            let commas = line.indices.filter { line[$0] == "," }
            guard !commas.isEmpty else {
                problems.append("Line \(n + 1): write what it is, a comma, then its cost (\"Six planters, £450\")")
                continue
            }
            let comma = commas.first { MoneyText.pence(String(line[line.index(after: $0)...])) != nil } ?? commas.last!
            let what = line[..<comma].trimmingCharacters(in: .whitespaces)
            let cost = line[line.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            guard !what.isEmpty else {
                problems.append("Line \(n + 1): say what the \(cost) is for")
                continue
            }
            guard what.count <= 200 else {
                problems.append("Line \(n + 1): keep the description to 200 characters")
                continue
            }
            guard let pence = MoneyText.pence(cost), pence > 0 else {
                problems.append("Line \(n + 1): \"\(cost)\" is not an amount of money (write £450 or 450.00)")
                continue
            }
            items.append(Item(description: what, pence: pence))
        }
        if items.isEmpty && problems.isEmpty { problems.append("List at least one item and what it costs") }
        if items.count > maxItems { problems.append("List at most \(maxItems) items") }
        return (items, problems)
    }

    /// The lines again, as the form shows them.
    public static func text(_ items: [Item]) -> String {
        items.map { "\($0.description), \(MoneyText.pounds($0.pence))" }.joined(separator: "\n")
    }
}
