@testable import ChorusEmbed
import Foundation
import Testing

@Suite struct StorageTests {
    @Test func float16KnownValues() {
        #expect(Float16Codec.encode([1, -2, 0.5, 0, 65504, 1e-8]) == [0x00, 0x3C, 0x00, 0xC0, 0x00, 0x38, 0, 0, 0xFF, 0x7B, 0, 0])
        #expect(Float16Codec.halfBits(70000) == 0x7C00)
        #expect(Float16Codec.halfBits(-.infinity) == 0xFC00)
        #expect(Float16Codec.float(fromHalf: 0x0001) == 0x1p-24)  // smallest subnormal
        #expect(Float16Codec.float(fromHalf: 0x3555) == 0.333251953125)
        #expect(Float16Codec.decode(Float16Codec.encode([Float.nan]))![0].isNaN)
        #expect(Float16Codec.decode([1, 2, 3]) == nil)
        // Ties go to even: 1 + 2⁻¹¹ is halfway between 1 and 1 + 2⁻¹⁰.
        #expect(Float16Codec.halfBits(1 + 0x1p-11) == 0x3C00)
        #expect(Float16Codec.halfBits(1 + 3 * 0x1p-11) == 0x3C02)
    }

    /// The documented bound: unit vectors come back within 2⁻¹² per component, cosine > 0.99999.
    @Test func float16RoundTripErrorOnUnitVectors() {
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: state) >> 11) / Float(1 << 52)
        }
        var worst: Float = 0
        var worstCosine: Float = 1
        for _ in 0..<200 {
            var v = (0..<384).map { _ in next() }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            v = v.map { $0 / norm }
            let bytes = Float16Codec.encode(v)
            #expect(bytes.count == 768)
            let back = Float16Codec.decode(Float16Codec.encodeData(v))!
            worst = max(worst, zip(v, back).map { abs($0 - $1) }.max()!)
            let backNorm = back.reduce(0) { $0 + $1 * $1 }.squareRoot()
            worstCosine = min(worstCosine, zip(v, back).reduce(0) { $0 + $1.0 * $1.1 } / backNorm)
        }
        #expect(worst <= 0x1p-12)
        #expect(worstCosine > 0.99999)
    }

    @Test func sha256KnownAnswers() {
        #expect(SHA256Digest.hex(of: Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Digest.hex(of: Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let million = Data(repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256Digest.hex(of: million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
