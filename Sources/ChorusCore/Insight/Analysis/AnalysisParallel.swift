import Foundation

/// Splits a loop over 0..<count into contiguous chunks run on up to `threads` threads. Each chunk writes only its
/// own part of the output, so results do not depend on the number of threads.
enum AnalysisParallel {
    static func forChunks(_ count: Int, threads: Int, minimumChunk: Int = 256, _ body: (Range<Int>) -> Void) {
        let workers = max(1, min(threads, count / max(1, minimumChunk)))
        if workers <= 1 {
            if count > 0 { body(0..<count) }
            return
        }
        let chunk = (count + workers - 1) / workers
        withoutActuallyEscaping(body) { body in
            let box = AnalysisUnchecked(body)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let lo = w * chunk
                let hi = min(count, lo + chunk)
                if lo < hi { box.value(lo..<hi) }
            }
        }
    }
}

/// Wraps a value that is only shared in a way the caller has made safe (disjoint writes, read-only sharing).
struct AnalysisUnchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
