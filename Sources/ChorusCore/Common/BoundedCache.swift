/// A cache that holds at most `capacity` bytes, dropping the least recently used entries first. Public pages are
/// cached by their full address, and anyone can invent addresses (`?page=99999`, a made-up query): without a bound, a
/// crawler or an attacker would grow the server's memory without end. Each entry carries the generation it was made
/// in; asking with a newer generation is a miss, so one counter bump invalidates everything at once.
///
/// Not thread-safe by itself: the web layer keeps it behind a lock. Lookups and inserts are O(1) amortised (a
/// recency counter per entry; eviction scans only when over capacity, and then frees down to three quarters).
public struct BoundedCache<Key: Hashable, Value> {
    public let capacity: Int
    private var entries: [Key: (value: Value, size: Int, generation: Int64, used: UInt64)] = [:]
    private var clock: UInt64 = 0
    public private(set) var bytes = 0

    public init(capacity: Int) { self.capacity = max(0, capacity) }

    public var count: Int { entries.count }

    /// The value stored under `key` in `generation`; nil (and the stale entry dropped) if it was stored earlier.
    public mutating func value(_ key: Key, generation: Int64) -> Value? {
        guard let e = entries[key] else { return nil }
        guard e.generation == generation else {
            remove(key)
            return nil
        }
        clock += 1
        entries[key]?.used = clock
        return e.value
    }

    /// Stores `value`, costing `size` bytes. A value bigger than the whole capacity is not stored.
    public mutating func insert(_ value: Value, size: Int, for key: Key, generation: Int64) {
        remove(key)
        guard size <= capacity else { return }
        clock += 1
        entries[key] = (value, size, generation, clock)
        bytes += size
        if bytes > capacity { evict(downTo: capacity / 4 * 3) }
    }

    public mutating func removeAll() {
        entries.removeAll()
        bytes = 0
    }

    private mutating func remove(_ key: Key) {
        if let old = entries.removeValue(forKey: key) { bytes -= old.size }
    }

    private mutating func evict(downTo target: Int) {
        for (key, _) in entries.sorted(by: { $0.value.used < $1.value.used }) {
            if bytes <= target { break }
            remove(key)
        }
    }
}

extension BoundedCache: Sendable where Key: Sendable, Value: Sendable {}
