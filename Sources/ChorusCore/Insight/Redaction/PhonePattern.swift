import Foundation

extension PIIScanner {
    /// A UK phone number at `s` ('0', '+' or '('): mobiles 07…, landlines 01…, 02…, 03…, in national form
    /// (11 digits; 10 for some 01 numbers) or international (+44 or 0044, then the number without its 0, or with
    /// "(0)"). Digits may be grouped with single spaces or hyphens, and the area code may be in brackets. Groups
    /// of one digit are not phone groups; a reference cue just before ("ref 01234 567890") keeps it.
    mutating func phone(_ s: Int) -> Int? {
        var i = s
        var international = false
        if t[i] == 0x2B {  // +44
            guard t[i + 1] == 0x34, t[i + 2] == 0x34 else { return nil }
            i += 3
            international = true
        } else if t[i] == 0x30 && t[i + 1] == 0x30 && t[i + 2] == 0x34 && t[i + 3] == 0x34 {  // 0044
            i += 4
            international = true
        }
        if international {
            if t[i] == 0x20 || t[i] == 0x2D { i += 1 }
            if t[i] == 0x28 && t[i + 1] == 0x30 && t[i + 2] == 0x29 {  // (0)
                i += 3
                if t[i] == 0x20 || t[i] == 0x2D { i += 1 }
            } else if t[i] == 0x30 {
                i += 1  // "+44 07700 900123": a trunk 0 written anyway
            }
            guard t.isDigit(i) else { return nil }
        }
        var bracket = false
        if t[i] == 0x28 {
            guard !international, t[i + 1] == 0x30 else { return nil }
            bracket = true
            i += 1
        }
        // The significant digits: national numbers start with their trunk 0.
        var total = 0, groups = 0, best = -1
        var d1: UInt8 = 0, d2: UInt8 = 0  // first two digits after the trunk 0
        let trunkDigits = international ? 0 : 1
        while true {
            let gs = i
            while t.isDigit(i) {
                let k = total + (i - gs) - trunkDigits
                if k == 0 { d1 = t[i] } else if k == 1 { d2 = t[i] }
                i += 1
            }
            let length = i - gs
            if length == 0 { break }
            if !international && total == 0 && t[gs] != 0x30 { return nil }
            total += length
            groups += 1
            if bracket {
                guard groups == 1, t[i] == 0x29 else { return nil }
                i += 1
                bracket = false
            }
            if length == 1 && !(international && groups == 1) || t.isAlpha(i) || total - trunkDigits > 10 || groups > 5 { break }
            if Self.isPhoneLength(total - trunkDigits, d1, d2) { best = i }
            let sep = t[i]
            if (sep == 0x20 || sep == 0x2D) && t.isDigit(i + 1) { i += 1; continue }
            if t[i - 1] == 0x29 && t.isDigit(i) { continue }  // "(020)7946 0958"
            break
        }
        guard best > 0, t.boundaryAfter(best), t[best] != 0x40, !continuesNumber(best),
            !(t[best] == 0x2D && t.isDigit(best + 1)), numberCue(before: s) != .reference
        else { return nil }
        add(.phone, s, best, rank: PIICandidate.rankPhone)
        return best
    }

    /// Significant digits (after the trunk 0): 07 mobiles and 02/03 numbers have 10, 01 numbers 10 or 9.
    @inline(__always) static func isPhoneLength(_ digits: Int, _ d1: UInt8, _ d2: UInt8) -> Bool {
        switch d1 {
        case 0x37, 0x32, 0x33: return digits == 10
        case 0x31: return digits == 10 || digits == 9
        default: return false
        }
    }
}
