import Foundation

/// A moment as ISO 8601 in UTC to the second ("2026-12-07T02:04:27Z"), the same text as
/// `Date.formatted(.iso8601)`, written digit by digit: exports write one for every row, and at 100,000 rows the
/// general formatter was a noticeable part of the export's time (bench/README.md, "Surveys").
public enum ISOTime {
    public static func string(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let c = Day(ordinal: days).components
        var out = [UInt8]()
        out.reserveCapacity(20)
        func digits(_ n: Int, _ width: Int) {
            var v = n
            var buf = [UInt8](repeating: UInt8(ascii: "0"), count: width)
            for i in stride(from: width - 1, through: 0, by: -1) {
                buf[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            }
            out += buf
        }
        digits(c.year, 4)
        out.append(UInt8(ascii: "-"))
        digits(c.month, 2)
        out.append(UInt8(ascii: "-"))
        digits(c.day, 2)
        out.append(UInt8(ascii: "T"))
        digits(rest / 3600, 2)
        out.append(UInt8(ascii: ":"))
        digits(rest % 3600 / 60, 2)
        out.append(UInt8(ascii: ":"))
        digits(rest % 60, 2)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }
}
