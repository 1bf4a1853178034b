extension Collection where Index == Int {
    /// The elements in consecutive runs of at most `size` (the last may be shorter): database `IN (…)` lists and
    /// inserts are sent in chunks so no statement passes the driver's bind limit.
    public func chunked(_ size: Int) -> [[Element]] {
        precondition(size > 0, "a chunk holds at least one element")
        return stride(from: startIndex, to: endIndex, by: size).map { Array(self[$0..<Swift.min($0 + size, endIndex)]) }
    }
}
