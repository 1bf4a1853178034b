import Foundation

/// Compact storage of embedding vectors: IEEE 754 half precision, little-endian, 2 bytes per component
/// (768 bytes for a 384-dimension vector instead of 1,536).
///
/// Round-trip error: conversion rounds to nearest, ties to even, so a component x with |x| in [2⁻¹⁴, 65504]
/// comes back within a relative 2⁻¹¹ (≈ 4.9e-4) of x; smaller components within an absolute 2⁻²⁵. For unit
/// vectors every |x| ≤ 1, so each component is off by at most 2⁻¹² ≈ 2.4e-4 and the cosine between a vector and
/// its decoded copy stays above 0.99999 (tested). Values beyond ±65504 become ±infinity; NaN stays NaN.
/// Written with bit operations rather than Swift's `Float16`, which is unavailable on Intel macOS.
public enum Float16Codec {
    public static let bytesPerComponent = 2

    /// `vector` as half-precision little-endian bytes.
    public static func encode(_ vector: [Float]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: vector.count * 2)
        for (i, x) in vector.enumerated() {
            let h = halfBits(x)
            out[2 * i] = UInt8(truncatingIfNeeded: h)
            out[2 * i + 1] = UInt8(truncatingIfNeeded: h >> 8)
        }
        return out
    }

    public static func encodeData(_ vector: [Float]) -> Data { Data(encode(vector)) }

    /// The floats of half-precision little-endian `bytes`; nil when the byte count is odd.
    public static func decode<Bytes: Collection>(_ bytes: Bytes) -> [Float]? where Bytes.Element == UInt8 {
        guard bytes.count % 2 == 0 else { return nil }
        var out = [Float]()
        out.reserveCapacity(bytes.count / 2)
        var it = bytes.makeIterator()
        while let lo = it.next(), let hi = it.next() {
            out.append(float(fromHalf: UInt16(lo) | UInt16(hi) << 8))
        }
        return out
    }

    /// IEEE half bits of `x`, rounded to nearest even.
    public static func halfBits(_ x: Float) -> UInt16 {
        let bits = x.bitPattern
        let sign = UInt16((bits >> 16) & 0x8000)
        let exponent = Int((bits >> 23) & 0xFF)
        var mantissa = bits & 0x7F_FFFF
        if exponent == 0xFF {  // infinity or NaN
            return sign | 0x7C00 | (mantissa != 0 ? 0x200 | UInt16(mantissa >> 13) : 0)
        }
        let e = exponent - 127 + 15
        if e >= 0x1F { return sign | 0x7C00 }  // overflow → infinity
        if e <= 0 {  // subnormal half (or zero)
            if e < -10 { return sign }
            mantissa |= 0x80_0000
            let shift = UInt32(14 - e)
            var half = mantissa >> shift
            let remainder = mantissa & ((1 << shift) - 1)
            let halfway = UInt32(1) << (shift - 1)
            if remainder > halfway || (remainder == halfway && (half & 1) == 1) { half += 1 }
            return sign | UInt16(half)
        }
        var half = UInt32(e) << 10 | (mantissa >> 13)
        let remainder = mantissa & 0x1FFF
        if remainder > 0x1000 || (remainder == 0x1000 && (half & 1) == 1) { half += 1 }  // may carry into exponent: correct
        return sign | UInt16(half)
    }

    public static func float(fromHalf h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = UInt32((h >> 10) & 0x1F)
        let mantissa = UInt32(h & 0x3FF)
        if exponent == 0 {
            if mantissa == 0 { return Float(bitPattern: sign) }
            let value = Float(mantissa) * 0x1p-24
            return sign != 0 ? -value : value
        }
        if exponent == 0x1F { return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13) }
        return Float(bitPattern: sign | (exponent + 112) << 23 | mantissa << 13)
    }
}
