import Foundation

/// Parent/child trees (themes, places): readable paths and a guard against cycles. Pure.
public struct Hierarchy<ID: Hashable & Sendable>: Sendable {
    public struct Entry: Sendable {
        public let id: ID
        public let name: String
        public let parent: ID?
        public init(id: ID, name: String, parent: ID?) { self.id = id; self.name = name; self.parent = parent }
    }

    private let entries: [ID: Entry]

    public init(_ list: [Entry]) {
        entries = Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Names from the root down, e.g. ["Environment & place", "Climate change"]. Stops at a cycle.
    public func path(_ id: ID) -> [String] {
        var names: [String] = []
        var seen = Set<ID>()
        var cursor: ID? = id
        while let c = cursor, let e = entries[c], seen.insert(c).inserted {
            names.append(e.name)
            cursor = e.parent
        }
        return names.reversed()
    }

    public func label(_ id: ID, separator: String = " › ") -> String { path(id).joined(separator: separator) }

    /// True when making `newParent` the parent of `id` would put `id` inside its own subtree.
    public func wouldCreateCycle(id: ID, newParent: ID?) -> Bool {
        var seen = Set<ID>()
        var cursor = newParent
        while let c = cursor {
            if c == id { return true }
            guard seen.insert(c).inserted else { return true }
            cursor = entries[c]?.parent
        }
        return false
    }

    /// Depth-first order (parents before children, siblings by name) with each entry's depth, for indented lists.
    public func ordered() -> [(entry: Entry, depth: Int)] {
        var children: [ID?: [Entry]] = [:]
        for e in entries.values {
            let p = e.parent.flatMap { entries[$0] == nil ? nil : $0 }
            children[p, default: []].append(e)
        }
        var out: [(Entry, Int)] = []
        var seen = Set<ID>()
        func walk(_ parent: ID?, _ depth: Int) {
            for e in (children[parent] ?? []).sorted(by: { $0.name.localizedStandardCompare($1.name) == .orderedAscending }) {
                guard seen.insert(e.id).inserted else { continue }
                out.append((e, depth))
                walk(e.id, depth + 1)
            }
        }
        walk(nil, 0)
        return out
    }
}
