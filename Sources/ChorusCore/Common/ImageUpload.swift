import Foundation

/// Checks a photo a resident attaches (to a budgeting proposal) and removes its metadata before anyone else can see it.
/// A phone photo carries EXIF, often with the GPS position of the resident's home, and XMP, comments and camera
/// details besides: personal data that must never be published. So the file is sniffed by its bytes (never by its name
/// or declared type), read through to the end to be sure it is whole, and rebuilt from only the parts that make up the
/// picture. Pure: no image library; the pixels themselves are not decoded.
///
/// What is kept, and why:
/// - JPEG: the quantisation and Huffman tables (DQT, DHT), restart interval (DRI), arithmetic conditioning (DAC), the
///   frame (SOFn), every scan header (SOS) with its entropy-coded data, SOI and EOI: the picture itself. APP0 JFIF is
///   kept rewritten to its 16 fixed bytes (version, density units, pixel aspect ratio) with any thumbnail dropped: a
///   thumbnail is a second picture, which after a crop can still show what was cropped out. APP14 Adobe is kept,
///   rewritten to its 12 fixed bytes (version, flags, colour transform), only when a decoder needs it to get the
///   colours right: a 4-component (CMYK or YCCK) frame, or a 3-component frame whose transform says RGB; otherwise
///   decoders assume YCbCr, which is what it would say. Everything else goes: APP1–APP15 (EXIF, XMP, ICC profiles, MPF,
///   maker notes, Photoshop IRB), COM, and any bytes after EOI (phones append depth maps, HDR gain maps and maker
///   trailers there, each with metadata of its own).
/// - PNG: IHDR, PLTE, IDAT, IEND (the picture), and tRNS, gAMA, cHRM and sRGB (transparency and colour: a few fixed
///   numbers, no text). iCCP is dropped, as the JPEG ICC profile is: it is compressed, so it cannot be read here to be
///   sure it holds only colour data, and a profile carries free-text description, copyright and device maker and
///   model. A wide-gamut (Display P3) picture then shows as sRGB, slightly less saturated. Dropped too: tEXt, zTXt,
///   iTXt, eXIf, tIME and every other ancillary chunk (pHYs, bKGD, sBIT, APNG's acTL/fcTL/fdAT: an animated PNG
///   becomes its still default image), and anything after IEND.
///
/// Not checked: that the compressed pixel data decodes (Huffman codes, zlib stream). Checking the same bytes again
/// gives the same bytes back.
public enum ImageUpload {
    public enum Kind: String, Sendable {
        case jpeg, png

        public var mimeType: String {
            switch self {
            case .jpeg: "image/jpeg"
            case .png: "image/png"
            }
        }

        public var fileExtension: String {
            switch self {
            case .jpeg: "jpg"
            case .png: "png"
            }
        }
    }

    public struct Checked: Sendable, Equatable {
        public let kind: Kind
        public let width: Int
        public let height: Int
        /// The file with every metadata segment or chunk removed (see `ImageUpload` for what is kept and why).
        public let bytes: [UInt8]
    }

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case tooLarge(maxBytes: Int)
        case notAnImage
        case damaged
        case tooManyPixels(maxPixels: Int)

        public var description: String {
            switch self {
            case .empty:
                "The file is empty."
            case .tooLarge(let maxBytes):
                "The file is larger than the limit of \(Self.megabytes(maxBytes)) (\(maxBytes) bytes)."
            case .notAnImage:
                "The file is not a JPEG or PNG image (its contents were checked, not its name or declared type)."
            case .damaged:
                "The file starts as a JPEG or PNG image but is damaged or incomplete."
            case .tooManyPixels(let maxPixels):
                "The image has more than \(maxPixels) pixels in all (width times height)."
            }
        }

        private static func megabytes(_ n: Int) -> String {
            n % (1024 * 1024) == 0 ? "\(n / (1024 * 1024)) MB" : "\(n) bytes"
        }
    }

    public static let maxBytes = 8 * 1024 * 1024
    public static let maxPixels = 40_000_000

    /// Sniffs by content (never by file name or declared type), parses the structure enough to be sure it is whole
    /// (JPEG: SOI, segments with valid lengths and contents, one SOFn frame giving width and height, at least one SOS
    /// and EOI; PNG: signature, IHDR first with width and height, chunk lengths within the file, every CRC, IEND), and
    /// returns the cleaned bytes. Any inconsistency is `.damaged`; wrong magic is `.notAnImage`. A file that is only
    /// the first bytes of a signature is `.damaged` (cut short), not `.notAnImage`.
    public static func check(
        _ data: [UInt8], maxBytes: Int = ImageUpload.maxBytes, maxPixels: Int = ImageUpload.maxPixels
    ) -> Result<Checked, Problem> {
        if data.isEmpty { return .failure(.empty) }
        if data.count > maxBytes { return .failure(.tooLarge(maxBytes: maxBytes)) }
        if startsLike(data, jpegMagic) { return JPEGReader(data: data, maxPixels: maxPixels).read() }
        if startsLike(data, pngFamily) { return PNGReader(data: data, maxPixels: maxPixels).read() }
        return .failure(.notAnImage)
    }

    static let jpegMagic: [UInt8] = [0xFF, 0xD8]
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// "\x89PNG": enough to say the file meant to be a PNG (a signature mangled after it, as by a text-mode
    /// transfer turning CR LF into LF, is a damaged PNG).
    static let pngFamily = Array(pngSignature.prefix(4))

    /// The data begins with `magic`, or is cut off part way through it.
    static func startsLike(_ data: [UInt8], _ magic: [UInt8]) -> Bool {
        let n = min(data.count, magic.count)
        return data.prefix(n).elementsEqual(magic.prefix(n))
    }
}

// MARK: - JPEG

private struct JPEGReader {
    let data: [UInt8]
    let maxPixels: Int

    typealias Problem = ImageUpload.Problem

    private struct Frame {
        var width: Int, height: Int
        var componentIDs: [UInt8]
    }

    func read() -> Result<ImageUpload.Checked, Problem> {
        guard data.count >= 2, data[0] == 0xFF, data[1] == 0xD8 else { return .failure(.damaged) }
        var out: [UInt8] = [0xFF, 0xD8]
        var p = 2
        var frame: Frame?
        var scans = 0
        var jfifKept = false
        var adobe: (at: Int, fields: ArraySlice<UInt8>)?

        while true {
            // A marker: 0xFF, any number of 0xFF fill bytes, then the marker code.
            guard p < data.count, data[p] == 0xFF else { return .failure(.damaged) }
            while p < data.count, data[p] == 0xFF { p += 1 }
            guard p < data.count else { return .failure(.damaged) }
            let marker = data[p]
            p += 1

            if marker == 0xD9 {  // EOI; anything after it is not part of the picture and is dropped
                guard let frame, scans > 0 else { return .failure(.damaged) }
                out += [0xFF, 0xD9]
                if let adobe, Self.needsAdobe(components: frame.componentIDs.count, transform: adobe.fields.last!) {
                    out.insert(contentsOf: [0xFF, 0xEE, 0x00, 0x0E] + adobe.fields, at: adobe.at)
                }
                return .success(.init(kind: .jpeg, width: frame.width, height: frame.height, bytes: out))
            }
            // Every other marker allowed here has a two-byte length that counts itself.
            guard p + 2 <= data.count else { return .failure(.damaged) }
            let length = Int(data[p]) << 8 | Int(data[p + 1])
            guard length >= 2, p + length <= data.count else { return .failure(.damaged) }
            let payload = data[(p + 2)..<(p + length)]
            let segment = data[(p - 2)..<(p + length)]
            p += length

            switch marker {
            case 0xC0, 0xC1, 0xC2, 0xC3, 0xC9, 0xCA, 0xCB:  // SOFn, non-differential
                guard frame == nil, let f = Self.frame(payload) else { return .failure(.damaged) }
                guard f.width * f.height <= maxPixels else { return .failure(.tooManyPixels(maxPixels: maxPixels)) }
                frame = f
                out += segment
            case 0xDB:  // DQT
                guard Self.validTables(payload) else { return .failure(.damaged) }
                out += segment
            case 0xC4:  // DHT
                guard Self.validHuffman(payload) else { return .failure(.damaged) }
                out += segment
            case 0xDD:  // DRI
                guard payload.count == 2 else { return .failure(.damaged) }
                out += segment
            case 0xCC:  // DAC
                guard payload.count % 2 == 0,
                    stride(from: payload.startIndex, to: payload.endIndex, by: 2).allSatisfy({ payload[$0] >> 4 <= 1 && payload[$0] & 0x0F <= 3 })
                else { return .failure(.damaged) }
                out += segment
            case 0xDA:  // SOS, then entropy-coded data up to the next marker
                guard let frame, Self.validScan(payload, frame: frame) else { return .failure(.damaged) }
                out += segment
                let start = p
                guard let end = Self.endOfScanData(data, from: start) else { return .failure(.damaged) }
                out += data[start..<end]
                p = end
                scans += 1
            case 0xE0:  // APP0: JFIF kept without its thumbnail; JFXX (a thumbnail) and anything else dropped
                let jfif: [UInt8] = [0x4A, 0x46, 0x49, 0x46, 0x00]
                if !jfifKept, payload.count >= 14, payload.prefix(5).elementsEqual(jfif) {
                    out += [0xFF, 0xE0, 0x00, 0x10] + payload.prefix(12) + [0x00, 0x00]
                    jfifKept = true
                }
            case 0xEE:  // APP14: Adobe kept (decided at EOI) as its fixed fields only
                let name: [UInt8] = [0x41, 0x64, 0x6F, 0x62, 0x65]
                if adobe == nil, payload.count >= 12, payload.prefix(5).elementsEqual(name) {
                    adobe = (out.count, payload.prefix(12))
                }
            case 0xE1...0xED, 0xEF, 0xFE:  // APP1–APP13, APP15, COM: metadata, dropped
                break
            default:  // RSTn or TEM outside a scan, hierarchical or reserved markers, DNL: not a picture we keep
                return .failure(.damaged)
            }
        }
    }

    /// APP14 Adobe tells a decoder how to read the colours only for a CMYK/YCCK (4-component) frame or an RGB
    /// (3-component, transform 0) one; for the rest decoders already assume what it says.
    static func needsAdobe(components: Int, transform: UInt8) -> Bool {
        components == 4 || (components == 3 && transform == 0)
    }

    private static func frame(_ p: ArraySlice<UInt8>) -> Frame? {
        guard p.count >= 6 else { return nil }
        let b = Array(p)
        let precision = b[0]
        let height = Int(b[1]) << 8 | Int(b[2])
        let width = Int(b[3]) << 8 | Int(b[4])
        let n = Int(b[5])
        // Height 0 would mean "given later by DNL", which browsers do not support.
        guard [8, 12, 16].contains(precision), height > 0, width > 0, (1...4).contains(n), b.count == 6 + 3 * n else {
            return nil
        }
        var ids: [UInt8] = []
        for i in 0..<n {
            let c = 6 + 3 * i
            let h = b[c + 1] >> 4, v = b[c + 1] & 0x0F
            guard !ids.contains(b[c]), (1...4).contains(h), (1...4).contains(v), b[c + 2] <= 3 else { return nil }
            ids.append(b[c])
        }
        return Frame(width: width, height: height, componentIDs: ids)
    }

    private static func validTables(_ p: ArraySlice<UInt8>) -> Bool {
        guard !p.isEmpty else { return false }
        var i = p.startIndex
        while i < p.endIndex {
            let precision = p[i] >> 4, id = p[i] & 0x0F
            guard precision <= 1, id <= 3 else { return false }
            i += 1 + (precision == 0 ? 64 : 128)
        }
        return i == p.endIndex
    }

    private static func validHuffman(_ p: ArraySlice<UInt8>) -> Bool {
        guard !p.isEmpty else { return false }
        var i = p.startIndex
        while i < p.endIndex {
            guard p[i] >> 4 <= 1, p[i] & 0x0F <= 3, i + 17 <= p.endIndex else { return false }
            let symbols = p[(i + 1)..<(i + 17)].reduce(0) { $0 + Int($1) }
            guard symbols <= 256 else { return false }
            i += 17 + symbols
        }
        return i == p.endIndex
    }

    private static func validScan(_ p: ArraySlice<UInt8>, frame: Frame) -> Bool {
        let b = Array(p)
        guard let n = b.first.map(Int.init), (1...4).contains(n), b.count == 4 + 2 * n else { return false }
        var seen: [UInt8] = []
        for i in 0..<n {
            let id = b[1 + 2 * i], tables = b[2 + 2 * i]
            guard frame.componentIDs.contains(id), !seen.contains(id), tables >> 4 <= 3, tables & 0x0F <= 3 else {
                return false
            }
            seen.append(id)
        }
        let ss = b[1 + 2 * n], se = b[2 + 2 * n], ah = b[3 + 2 * n] >> 4, al = b[3 + 2 * n] & 0x0F
        return ss <= 63 && se <= 63 && ss <= se && ah <= 13 && al <= 13
    }

    /// Where entropy-coded data starting at `from` ends: at the 0xFF of the next marker. Inside the data 0xFF 0x00 is
    /// a stuffed 0xFF byte and 0xFF 0xD0–0xD7 a restart marker; both belong to the data. Nil if the file ends first.
    static func endOfScanData(_ data: [UInt8], from: Int) -> Int? {
        var i = from
        while i + 1 < data.count {
            if data[i] != 0xFF {
                i += 1
                continue
            }
            let next = data[i + 1]
            if next == 0x00 || (0xD0...0xD7).contains(next) {
                i += 2
            } else {
                return i  // a marker (0xFF 0xFF is fill before one)
            }
        }
        return nil
    }
}

// MARK: - PNG

private struct PNGReader {
    let data: [UInt8]
    let maxPixels: Int

    typealias Problem = ImageUpload.Problem

    /// Ancillary chunks kept: transparency and colour, fixed numbers without text.
    static let keptAncillary: Set<String> = ["tRNS", "gAMA", "cHRM", "sRGB"]

    func read() -> Result<ImageUpload.Checked, Problem> {
        guard data.count >= 8, data.prefix(8).elementsEqual(ImageUpload.pngSignature) else { return .failure(.damaged) }
        var out = ImageUpload.pngSignature
        var p = 8
        var width = 0, height = 0, colourType: UInt8 = 0, bitDepth: UInt8 = 0
        var seen: Set<String> = []
        var paletteEntries = 0
        var idatEnded = false

        while true {
            guard p + 12 <= data.count else { return .failure(.damaged) }
            let length = Int(Self.u32(data, p))
            guard length <= Int(Int32.max), p + 12 + length <= data.count else { return .failure(.damaged) }
            let typeBytes = data[(p + 4)..<(p + 8)]
            guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
                return .failure(.damaged)
            }
            let type = String(decoding: typeBytes, as: UTF8.self)
            let body = data[(p + 8)..<(p + 8 + length)]
            guard CRC32.checksum(Array(data[(p + 4)..<(p + 8 + length)])) == Self.u32(data, p + 8 + length) else {
                return .failure(.damaged)
            }
            let chunk = data[p..<(p + 12 + length)]
            p += 12 + length

            guard (type == "IHDR") == seen.isEmpty else { return .failure(.damaged) }  // IHDR first, and once
            if seen.contains("IDAT") && type != "IDAT" { idatEnded = true }
            let before = seen
            seen.insert(type)
            switch type {
            case "IHDR":
                let b = Array(body)
                guard b.count == 13 else { return .failure(.damaged) }
                width = Int(Self.u32(b, 0))
                height = Int(Self.u32(b, 4))
                bitDepth = b[8]
                colourType = b[9]
                let depths: [UInt8: [UInt8]] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
                guard (1...Int(Int32.max)).contains(width), (1...Int(Int32.max)).contains(height),
                    depths[colourType]?.contains(bitDepth) == true, b[10] == 0, b[11] == 0, b[12] <= 1
                else { return .failure(.damaged) }
                guard width * height <= maxPixels else { return .failure(.tooManyPixels(maxPixels: maxPixels)) }
            case "PLTE":
                guard !before.contains("PLTE"), !before.contains("IDAT"), !before.contains("tRNS"),
                    colourType == 2 || colourType == 3 || colourType == 6,
                    length > 0, length % 3 == 0, length / 3 <= 1 << min(Int(bitDepth), 8)
                else { return .failure(.damaged) }
                paletteEntries = length / 3
            case "IDAT":
                guard !idatEnded, colourType != 3 || before.contains("PLTE") else { return .failure(.damaged) }
            case "IEND":
                guard length == 0, before.contains("IDAT") else { return .failure(.damaged) }
                out += chunk
                return .success(.init(kind: .png, width: width, height: height, bytes: out))  // trailing bytes dropped
            case "tRNS":
                let fits: Bool
                switch colourType {
                case 0: fits = length == 2
                case 2: fits = length == 6
                case 3: fits = before.contains("PLTE") && length <= paletteEntries
                default: fits = false
                }
                guard fits, !before.contains("tRNS"), !before.contains("IDAT") else { return .failure(.damaged) }
            case "gAMA", "cHRM", "sRGB":
                let size = ["gAMA": 4, "cHRM": 32, "sRGB": 1][type]!
                guard length == size, !before.contains(type), !before.contains("PLTE"), !before.contains("IDAT"),
                    type != "sRGB" || body.first! <= 3
                else { return .failure(.damaged) }
            default:
                // An unknown critical chunk (upper-case first letter) means no decoder could show the picture.
                guard typeBytes.first! >= 0x61 else { return .failure(.damaged) }
                continue  // ancillary: dropped
            }
            out += chunk
        }
    }

    static func u32(_ b: some Collection<UInt8>, _ at: Int) -> UInt32 {
        let s = b.dropFirst(at).prefix(4)
        return s.reduce(0) { $0 << 8 | UInt32($1) }
    }
}
