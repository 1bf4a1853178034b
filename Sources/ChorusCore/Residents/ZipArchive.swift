import Foundation

/// A zip file built in memory, so a resident's "download my data" is one file that opens with the tools every
/// computer already has (issue 20), without a compression library: entries are stored, not deflated (JSON and
/// HTML of one person's records are small). Names are UTF-8 with general-purpose flag bit 11 set, so an Urdu file
/// name opens as written. Limits of the classic format (no Zip64): fewer than 65,535 entries and under 4 GB in all.
public struct ZipArchive: Sendable {
    struct Entry: Sendable {
        let name: [UInt8]
        let bytes: [UInt8]
        let crc: UInt32
        let time: UInt16
        let date: UInt16
        let offset: Int
    }

    private(set) var entries: [Entry] = []
    private var body: [UInt8] = []

    public init() {}

    /// Entries added so far.
    public var count: Int { entries.count }

    /// Adds a file (stored, no compression). `path` uses "/" separators, UTF-8 (set general-purpose flag bit 11).
    /// The path is made safe to extract: backslashes count as separators, and empty, "." and ".." parts and control
    /// characters are dropped, so a resident's upload named "../../x" cannot land outside the folder it is unpacked in.
    public mutating func add(path: String, bytes: [UInt8], modified: Date) {
        precondition(entries.count < 0xFFFF, "a zip without Zip64 holds fewer than 65,535 entries")
        precondition(body.count + bytes.count < Int(UInt32.max) - 0x1_0000, "a zip without Zip64 is under 4 GB")
        let name = Array(ZipArchive.safePath(path).utf8)
        let (time, date) = ZipArchive.dosDateTime(modified)
        let entry = Entry(name: name, bytes: bytes, crc: CRC32.checksum(bytes), time: time, date: date, offset: body.count)
        entries.append(entry)
        body.u32(0x0403_4b50)
        body.u16(20)  // version needed: 2.0
        body.u16(ZipArchive.utf8Flag)
        body.u16(0)  // stored
        body.u16(time)
        body.u16(date)
        body.u32(entry.crc)
        body.u32(UInt32(bytes.count))
        body.u32(UInt32(bytes.count))
        body.u16(UInt16(name.count))
        body.u16(0)  // no extra field
        body.append(contentsOf: name)
        body.append(contentsOf: bytes)
    }

    /// The whole archive: local headers + data, central directory, end of central directory record.
    public func bytes() -> [UInt8] {
        var out = body
        let directoryStart = out.count
        for e in entries {
            out.u32(0x0201_4b50)
            out.u16(0x0314)  // made by: Unix, 2.0 (so the permissions below are read)
            out.u16(20)
            out.u16(ZipArchive.utf8Flag)
            out.u16(0)
            out.u16(e.time)
            out.u16(e.date)
            out.u32(e.crc)
            out.u32(UInt32(e.bytes.count))
            out.u32(UInt32(e.bytes.count))
            out.u16(UInt16(e.name.count))
            out.u16(0)  // extra
            out.u16(0)  // comment
            out.u16(0)  // disk number
            out.u16(0)  // internal attributes
            out.u32(0o100644 << 16)  // a regular file, rw-r--r--
            out.u32(UInt32(e.offset))
            out.append(contentsOf: e.name)
        }
        let directorySize = out.count - directoryStart
        out.u32(0x0605_4b50)
        out.u16(0)
        out.u16(0)
        out.u16(UInt16(entries.count))
        out.u16(UInt16(entries.count))
        out.u32(UInt32(directorySize))
        out.u32(UInt32(directoryStart))
        out.u16(0)  // no comment
        return out
    }

    static let utf8Flag: UInt16 = 1 << 11

    static func safePath(_ path: String) -> String {
        let parts = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map { part in
            String(String.UnicodeScalarView(part.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
        }
        let kept = parts.filter { !$0.isEmpty && $0 != "." && $0 != ".." }
        return kept.isEmpty ? "file" : kept.joined(separator: "/")
    }

    /// MS-DOS time and date in UTC, two-second resolution; clamped to the format's years 1980–2107.
    static func dosDateTime(_ date: Date) -> (time: UInt16, date: UInt16) {
        let day = Day(date)
        let c = day.components
        if c.year < 1980 { return (0, UInt16(1 << 5 | 1)) }
        if c.year > 2107 { return (UInt16(23 << 11 | 59 << 5 | 29), UInt16(127 << 9 | 12 << 5 | 31)) }
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) - day.ordinal * 86_400
        let time = (seconds / 3600) << 11 | (seconds % 3600 / 60) << 5 | (seconds % 60) / 2
        return (UInt16(time), UInt16((c.year - 1980) << 9 | c.month << 5 | c.day))
    }
}

/// The CRC-32 zip files carry for each entry (IEEE 802.3, reflected polynomial 0xEDB88320), table-driven.
public enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes { crc = table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

extension [UInt8] {
    fileprivate mutating func u16(_ v: UInt16) {
        append(UInt8(v & 0xFF))
        append(UInt8(v >> 8))
    }
    fileprivate mutating func u32(_ v: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((v >> UInt32(shift)) & 0xFF)) }
    }
}
