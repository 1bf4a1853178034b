import Foundation
import Testing

@testable import ChorusCore

/// Small image files built byte by byte. The JPEG is structurally valid for the parser (and its one 8×8 grey block
/// should decode: DC category 0, then end of block), but it has not been opened in a viewer; the PNG's IDAT is a real
/// zlib stream (one stored block) of one grey pixel.
private enum ImageFixture {
    static let gpsText = "GPS 51.5012N 0.1419W"
    static let commentText = "Taken at home"
    static let locationText = "Location: 51.5,-0.1"
    /// Text that must never survive cleaning.
    static let secrets = ["Exif", "GPS", "Taken at", "Location", "tEXt", "eXIf", "tIME", "iCCP", "http://ns.adobe.com"]

    static func be16(_ n: Int) -> [UInt8] { [UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] }
    static func be32(_ n: Int) -> [UInt8] { be16(n >> 16) + be16(n) }

    static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] { [0xFF, marker] + be16(payload.count + 2) + payload }

    static let jfif = segment(0xE0, Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
    static let exif = segment(0xE1, Array("Exif".utf8) + [0, 0] + Array("MM".utf8) + [0, 42, 0, 0, 0, 8] + Array(gpsText.utf8))
    static let xmp = segment(0xE1, Array("http://ns.adobe.com/xap/1.0/".utf8) + [0] + Array("<x:xmpmeta/>".utf8))
    static let comment = segment(0xFE, Array(commentText.utf8))
    static let dqt = segment(0xDB, [0x00] + Array(repeating: 1, count: 64))
    /// One code of length 1 for symbol 0: DC category 0, AC end of block.
    static let dht = segment(0xC4, [0x00, 1] + Array(repeating: 0, count: 15) + [0] + [0x10, 1] + Array(repeating: 0, count: 15) + [0])
    static func sof(_ marker: UInt8 = 0xC0, width: Int = 8, height: Int = 8, components: Int = 1) -> [UInt8] {
        segment(marker, [8] + be16(height) + be16(width) + [UInt8(components)] + (1...components).flatMap { [UInt8($0), 0x11, 0] })
    }
    static func sos(components: Int = 1, ss: UInt8 = 0, se: UInt8 = 63) -> [UInt8] {
        segment(0xDA, [UInt8(components)] + (1...components).flatMap { [UInt8($0), 0x00] } + [ss, se, 0])
    }
    static let soi: [UInt8] = [0xFF, 0xD8], eoi: [UInt8] = [0xFF, 0xD9]

    /// SOI, APP0 JFIF, [APP1 Exif with GPS, APP1 XMP, COM], DQT, SOF0 8×8, DHT, SOS, scan data, EOI.
    static func jpeg(metadata: Bool = true, scan: [UInt8] = [0x3F]) -> [UInt8] {
        soi + jfif + (metadata ? exif + xmp + comment : []) + dqt + sof() + dht + sos() + scan + eoi
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return be32(data.count) + typed + be32(Int(CRC32.checksum(typed)))
    }
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    static func ihdr(width: Int = 1, height: Int = 1, depth: UInt8 = 8, colour: UInt8 = 0) -> [UInt8] {
        chunk("IHDR", be32(width) + be32(height) + [depth, colour, 0, 0, 0])
    }
    /// zlib: header, one final stored block of [filter 0, pixel 0], Adler-32.
    static let idat = chunk("IDAT", [0x78, 0x01, 0x01, 0x02, 0x00, 0xFD, 0xFF, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01])
    static let gama = chunk("gAMA", be32(45455))
    static let text = chunk("tEXt", Array("Comment".utf8) + [0] + Array(locationText.utf8))
    static let time = chunk("tIME", [0x07, 0xEA, 12, 7, 7, 30, 0])
    static let exifChunk = chunk("eXIf", Array("MM".utf8) + [0, 42] + Array(gpsText.utf8))
    static let iend = chunk("IEND", [])

    /// Signature, IHDR 1×1 grey, gAMA, [tEXt, tIME, eXIf], IDAT, IEND.
    static func png(metadata: Bool = true) -> [UInt8] {
        signature + ihdr() + gama + (metadata ? text + time + exifChunk : []) + idat + iend
    }

    static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard haystack.count >= n.count else { return false }
        return (0...(haystack.count - n.count)).contains { haystack[$0..<($0 + n.count)].elementsEqual(n) }
    }
}

@Suite struct ImageUploadTests {
    fileprivate typealias F = ImageFixture

    private func checked(_ data: [UInt8], maxPixels: Int = ImageUpload.maxPixels) throws -> ImageUpload.Checked {
        try ImageUpload.check(data, maxPixels: maxPixels).get()
    }

    // MARK: JPEG

    @Test func jpegIsReadAndLosesItsExifXmpAndComment() throws {
        let original = F.jpeg()
        #expect(F.contains(original, "GPS") && F.contains(original, F.commentText))
        let c = try checked(original)
        #expect(c.kind == .jpeg && c.kind.mimeType == "image/jpeg" && c.kind.fileExtension == "jpg")
        #expect(c.width == 8 && c.height == 8)
        for secret in F.secrets { #expect(!F.contains(c.bytes, secret), "\(secret)") }
        #expect(c.bytes == F.jpeg(metadata: false))  // everything else byte for byte
        #expect(try checked(c.bytes) == c)  // idempotent
    }

    @Test func widthAndHeightComeFromTheFrame() throws {
        let data = F.soi + F.dqt + F.sof(width: 640, height: 480, components: 3) + F.dht + F.sos(components: 3) + [0x3F] + F.eoi
        let c = try checked(data)
        #expect((c.width, c.height) == (640, 480))
        #expect(c.bytes == data)
    }

    @Test func scanDataKeepsStuffedBytesAndRestartMarkers() throws {
        let scan: [UInt8] = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xD7, 0x00, 0xFF, 0x00]
        let data = F.soi + F.dqt + F.sof() + F.dht + F.segment(0xDD, [0, 1]) + F.sos() + scan + F.eoi
        #expect(try checked(data).bytes == data)
        // 0xFF 0xD9 hidden as stuffed data would not end the scan; without a real EOI the file is cut short.
        let noEOI = F.soi + F.dqt + F.sof() + F.dht + F.sos() + [0x12, 0xFF, 0x00, 0xD9]
        #expect(ImageUpload.check(noEOI) == .failure(.damaged))
    }

    @Test func progressiveScansAreAllKeptAndMetadataBetweenThemDropped() throws {
        let body =
            F.soi + F.dqt + F.sof(0xC2, components: 3) + F.dht + F.sos(components: 3, ss: 0, se: 0) + [0x11, 0x22]
        let tail = F.dht + F.sos(components: 1, ss: 1, se: 63) + [0x33, 0xFF, 0x00] + F.sos(components: 1, ss: 1, se: 63) + [0x44] + F.eoi
        let c = try checked(body + F.comment + F.exif + tail)
        #expect(c.bytes == body + tail)
        #expect(try checked(c.bytes) == c)
    }

    @Test func jfifThumbnailIsDroppedButTheHeaderKept() throws {
        let withThumb = F.segment(0xE0, Array("JFIF".utf8) + [0, 1, 2, 1, 0, 72, 0, 72, 1, 1, 0xAA, 0xBB, 0xCC])
        let jfxx = F.segment(0xE0, Array("JFXX".utf8) + [0, 0x10, 0xFF, 0xD8, 0xFF, 0xD9])
        let rest = F.dqt + F.sof() + F.dht + F.sos() + [0x3F] + F.eoi
        let c = try checked(F.soi + withThumb + jfxx + rest)
        #expect(c.bytes == F.soi + F.segment(0xE0, Array("JFIF".utf8) + [0, 1, 2, 1, 0, 72, 0, 72, 0, 0]) + rest)
        #expect(try checked(c.bytes) == c)
    }

    @Test func adobeSegmentKeptOnlyWhereColoursNeedIt() throws {
        func adobe(transform: UInt8) -> [UInt8] {
            F.segment(0xEE, Array("Adobe".utf8) + [0, 100, 0, 0, 0, 0, transform])
        }
        func file(_ app14: [UInt8], components: Int) -> [UInt8] {
            F.soi + app14 + F.dqt + F.sof(components: components) + F.dht + F.sos(components: components) + [0x3F] + F.eoi
        }
        // CMYK: kept, trimmed to its fixed fields.
        let padded = F.segment(0xEE, Array("Adobe".utf8) + [0, 100, 0, 0, 0, 0, 2] + Array("extra".utf8))
        #expect(try checked(file(padded, components: 4)).bytes == file(adobe(transform: 2), components: 4))
        // RGB (transform 0): kept. YCbCr (transform 1) and grey: decoders assume it anyway, dropped.
        #expect(try checked(file(adobe(transform: 0), components: 3)).bytes == file(adobe(transform: 0), components: 3))
        #expect(try checked(file(adobe(transform: 1), components: 3)).bytes == file([], components: 3))
        #expect(try checked(file(adobe(transform: 0), components: 1)).bytes == file([], components: 1))
        let kept = try checked(file(padded, components: 4))
        #expect(try checked(kept.bytes) == kept)
    }

    @Test func bytesAfterEOIAreDropped() throws {
        // Phones append a second picture (HDR gain map, depth map) after EOI, with its own EXIF.
        let c = try checked(F.jpeg() + F.jpeg() + Array("SEFT trailer GPS".utf8))
        #expect(c.bytes == F.jpeg(metadata: false))
    }

    @Test func fillBytesBeforeAMarkerAreAllowedAndRemoved() throws {
        let data = F.soi + [0xFF, 0xFF] + F.dqt + F.sof() + F.dht + F.sos() + [0x3F, 0xFF, 0xFF] + F.eoi
        #expect(try checked(data).bytes == F.soi + F.dqt + F.sof() + F.dht + F.sos() + [0x3F] + F.eoi)
    }

    @Test func brokenJpegStructureIsDamaged() {
        let good = F.jpeg()
        var longExif = good
        let exifAt = F.soi.count + F.jfif.count
        longExif[exifAt + 2] = 0xFF
        longExif[exifAt + 3] = 0xFF  // APP1 length runs past the end
        let cases: [(String, [UInt8])] = [
            ("no EOI", Array(good.dropLast(2))),
            ("segment length past the end", longExif),
            ("length below 2", F.soi + [0xFF, 0xE1, 0x00, 0x01] + Array(good.dropFirst(2))),
            ("no frame", F.soi + F.dqt + F.dht + F.sos() + [0x3F] + F.eoi),
            ("no scan", F.soi + F.dqt + F.sof() + F.dht + F.eoi),
            ("two frames", F.soi + F.sof() + F.sof() + F.sos() + F.eoi),
            ("frame after a scan", F.soi + F.sof() + F.sos() + [0x3F] + F.sof() + F.eoi),
            ("zero height (DNL)", F.soi + F.sof(height: 0) + F.sos() + [0x3F] + F.eoi),
            ("scan names a component not in the frame", F.soi + F.sof() + F.sos(components: 2) + [0x3F] + F.eoi),
            ("DQT shorter than its table", F.soi + F.segment(0xDB, [0x00, 1, 2]) + F.sof() + F.sos() + F.eoi),
            ("DHT counts more symbols than it has", F.soi + F.segment(0xC4, [0x00, 5] + Array(repeating: 0, count: 15)) + F.sof() + F.sos() + F.eoi),
            ("garbage between segments", F.soi + F.dqt + [0x00] + F.sof() + F.sos() + F.eoi),
            ("restart marker outside a scan", F.soi + [0xFF, 0xD0] + F.sof() + F.sos() + F.eoi),
            ("hierarchical frame", F.soi + F.sof(0xC5) + F.sos() + F.eoi),
            ("second SOI", F.soi + F.soi + F.sof() + F.sos() + F.eoi),
            ("just SOI", F.soi),
            ("one byte", [0xFF]),
        ]
        for (name, data) in cases { #expect(ImageUpload.check(data) == .failure(.damaged), "\(name)") }
    }

    // MARK: PNG

    @Test func pngIsReadAndLosesItsTextTimeAndExif() throws {
        let original = F.png()
        #expect(F.contains(original, F.locationText))
        let c = try checked(original)
        #expect(c.kind == .png && c.kind.mimeType == "image/png" && c.kind.fileExtension == "png")
        #expect(c.width == 1 && c.height == 1)
        for secret in F.secrets { #expect(!F.contains(c.bytes, secret), "\(secret)") }
        #expect(c.bytes == F.png(metadata: false))
        #expect(try checked(c.bytes) == c)
    }

    @Test func pngKeepsColourAndTransparencyAndDropsTheRest() throws {
        let plte = F.chunk("PLTE", [0, 0, 0, 255, 255, 255])
        let trns = F.chunk("tRNS", [0, 255])
        let keptBefore = F.ihdr(width: 3, height: 2, colour: 3) + F.chunk("sRGB", [0]) + F.chunk("cHRM", Array(repeating: 1, count: 32)) + F.gama
        let dropped =
            F.chunk("iCCP", Array("Display P3".utf8) + [0, 0, 0x78, 0x01]) + F.chunk("pHYs", F.be32(2835) + F.be32(2835) + [1])
            + F.chunk("iTXt", Array("XML:com.adobe.xmp".utf8) + [0, 0, 0, 0, 0] + Array("<x:xmpmeta/>".utf8))
            + F.chunk("zTXt", Array("Comment".utf8) + [0, 0, 0x78, 0x01]) + F.chunk("prVt", [1, 2, 3])
        let data = F.signature + keptBefore + dropped + plte + trns + F.idat + F.idat + F.iend + Array("trailing".utf8)
        let c = try checked(data)
        #expect((c.width, c.height) == (3, 2))
        #expect(c.bytes == F.signature + keptBefore + plte + trns + F.idat + F.idat + F.iend)
        #expect(try checked(c.bytes) == c)
    }

    @Test func brokenPngStructureIsDamaged() {
        let good = F.png()
        var badCRC = good
        badCRC[F.signature.count + F.ihdr().count - 1] ^= 0x01
        var longChunk = good
        longChunk[F.signature.count + F.ihdr().count + F.gama.count] = 0x7F  // tEXt length runs past the end
        var badTextCRC = good
        badTextCRC[F.signature.count + F.ihdr().count + F.gama.count + 10] ^= 0x20  // a byte of the text itself
        let cases: [(String, [UInt8])] = [
            ("wrong CRC", badCRC),
            ("wrong CRC in a dropped chunk", badTextCRC),
            ("chunk length past the end", longChunk),
            ("no IEND", Array(good.dropLast(12))),
            ("IHDR not first", F.signature + F.gama + F.ihdr() + F.idat + F.iend),
            ("no IDAT", F.signature + F.ihdr() + F.iend),
            ("IDATs not together", F.signature + F.ihdr() + F.idat + F.text + F.idat + F.iend),
            ("IEND with data", F.signature + F.ihdr() + F.idat + F.chunk("IEND", [0])),
            ("unknown critical chunk", F.signature + F.ihdr() + F.chunk("CgBI", [0, 0, 0, 0]) + F.idat + F.iend),
            ("bad bit depth", F.signature + F.ihdr(depth: 3) + F.idat + F.iend),
            ("palette picture without PLTE", F.signature + F.ihdr(colour: 3) + F.idat + F.iend),
            ("zero width", F.signature + F.ihdr(width: 0) + F.idat + F.iend),
            ("gAMA after IDAT", F.signature + F.ihdr() + F.idat + F.gama + F.iend),
            ("text-mode transfer (CR LF to LF)", [0x89, 0x50, 0x4E, 0x47, 0x0A, 0x1A, 0x0A] + Array(good.dropFirst(8))),
            ("signature only", F.signature),
            ("half a signature", Array(F.signature.prefix(3))),
        ]
        for (name, data) in cases { #expect(ImageUpload.check(data) == .failure(.damaged), "\(name)") }
    }

    // MARK: Both

    @Test func everyTruncationIsDamaged() {
        for file in [F.jpeg(), F.png()] {
            for n in 1..<file.count {
                let result = ImageUpload.check(Array(file.prefix(n)))
                #expect(result == .failure(.damaged), "cut to \(n) of \(file.count)")
            }
        }
    }

    @Test func otherFilesAreNotImages() {
        let others = [
            "GIF89a\u{1}\u{0}\u{1}\u{0}", "<!DOCTYPE html><html><img src=x onerror=alert(1)>", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "<?xml version=\"1.0\"?><svg/>", "%PDF-1.7", "RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ", "\u{0}\u{0}\u{0}\u{18}ftypheic", "JFIF", " \u{89}PNG",
        ]
        for text in others { #expect(ImageUpload.check(Array(text.utf8)) == .failure(.notAnImage), "\(text)") }
        #expect(ImageUpload.check([0xFF, 0xD9]) == .failure(.notAnImage))
    }

    @Test func emptyAndTooLarge() {
        #expect(ImageUpload.check([]) == .failure(.empty))
        #expect(ImageUpload.check(F.jpeg(), maxBytes: 10) == .failure(.tooLarge(maxBytes: 10)))
        #expect(ImageUpload.check(Array(repeating: 0, count: ImageUpload.maxBytes + 1)) == .failure(.tooLarge(maxBytes: ImageUpload.maxBytes)))
        #expect(ImageUpload.check(F.jpeg(), maxBytes: F.jpeg().count) != .failure(.tooLarge(maxBytes: F.jpeg().count)))
    }

    @Test func tooManyPixels() {
        let hugePNG = F.signature + F.ihdr(width: 100_000, height: 100_000) + F.idat + F.iend
        #expect(ImageUpload.check(hugePNG) == .failure(.tooManyPixels(maxPixels: ImageUpload.maxPixels)))
        let hugeJPEG = F.soi + F.dqt + F.sof(width: 0xFFFF, height: 0xFFFF) + F.dht + F.sos() + [0x3F] + F.eoi
        #expect(ImageUpload.check(hugeJPEG) == .failure(.tooManyPixels(maxPixels: ImageUpload.maxPixels)))
        #expect(ImageUpload.check(F.jpeg(), maxPixels: 63) == .failure(.tooManyPixels(maxPixels: 63)))
        #expect((try? ImageUpload.check(F.jpeg(), maxPixels: 64).get()) != nil)
    }

    @Test func problemsSayWhatIsWrong() {
        #expect(ImageUpload.Problem.tooLarge(maxBytes: ImageUpload.maxBytes).description.contains("8 MB"))
        #expect(ImageUpload.Problem.tooManyPixels(maxPixels: 40_000_000).description.contains("40000000"))
        #expect(ImageUpload.Problem.notAnImage.description.contains("JPEG or PNG"))
    }

    /// Seeded random damage to the valid files: never a crash, and nothing returned still holds the metadata. (The
    /// mutations change, insert or delete bytes; they do not copy the metadata into picture data, where any bytes are
    /// valid and could not be told apart from pixels.)
    @Test func randomDamageNeverCrashesOrLeaks() throws {
        var rng = SeededRandom(state: 2026)
        let bases = [F.jpeg(), F.png()]
        var accepted = 0
        for round in 0..<2000 {
            var data = bases[round % 2]
            for _ in 0..<rng.int(1...4) {
                guard !data.isEmpty else { break }
                let at = rng.int(0...(data.count - 1))
                switch rng.int(0...5) {
                case 0: data[at] = UInt8(truncatingIfNeeded: rng.next())
                case 1: data[at] ^= 1 << UInt8(rng.int(0...7))
                case 2: data.removeSubrange(at..<min(data.count, at + rng.int(1...16)))
                case 3: data.insert(contentsOf: (0..<rng.int(1...8)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: at)
                case 4: data[at] = rng.pick([0x00, 0xFF, 0xD8, 0xD9, 0xDA, 0xE1, 0xFE])
                default: data = Array(data.prefix(at))
                }
            }
            guard case .success(let c) = ImageUpload.check(data) else { continue }
            accepted += 1
            for secret in F.secrets { #expect(!F.contains(c.bytes, secret), "round \(round): \(secret)") }
            #expect(c.width > 0 && c.height > 0)
            #expect(try checked(c.bytes) == c, "round \(round)")
        }
        #expect(accepted > 0)  // some mutations (inside dropped metadata) leave a file that still checks out
    }
}
