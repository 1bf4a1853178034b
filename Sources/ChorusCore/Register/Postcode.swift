import Foundation

/// UK postcodes, as far as finding a ward needs: the outward code ("HS1" of "HS1 2AB").
public enum Postcode {
    /// The outward code of a full postcode or of an outward code alone; nil when it does not look like one.
    public static func outward(_ raw: String) -> String? {
        let s = raw.uppercased().filter { !$0.isWhitespace }
        guard (2...7).contains(s.count), s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        let candidate: String
        if s.count >= 5, let last3 = Optional(s.suffix(3)), last3.first!.isNumber, last3.dropFirst().allSatisfy(\.isLetter) {
            candidate = String(s.dropLast(3))
        } else {
            candidate = s
        }
        return isOutward(candidate) ? candidate : nil
    }

    /// One or two letters, a digit, then an optional letter or digit (A9, A99, AA9, AA99, A9A, AA9A).
    static func isOutward(_ s: String) -> Bool {
        let c = Array(s)
        guard (2...4).contains(c.count), c[0].isLetter else { return false }
        var i = 1
        if c[i].isLetter { i += 1 }
        guard i < c.count, c[i].isNumber else { return false }
        i += 1
        if i < c.count { i += 1 }
        return i == c.count
    }

    /// Splits a list like "HS1, hs2 HS3" into normalised outward codes.
    public static func districts(_ list: String) -> [String] {
        list.uppercased().split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init).filter(isOutward)
    }

    /// The part of a full postcode kept as a place when the postcode itself is personal data: outward code and
    /// sector digit ("HB3 4QT" → "HB3 4"). nil unless `raw` is a full postcode.
    public static func sector(_ raw: String) -> String? {
        let s = raw.uppercased().filter { !$0.isWhitespace }
        guard s.count >= 5, let outward = outward(s), outward.count == s.count - 3 else { return nil }
        return outward + " " + String(s.dropFirst(outward.count).prefix(1))
    }
}
