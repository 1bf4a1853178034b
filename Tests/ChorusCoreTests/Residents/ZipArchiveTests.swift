import Foundation
import Testing

@testable import ChorusCore

@Suite struct CRC32Tests {
    @Test func theStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func emptyIsZeroAndOneByteChangesIt() {
        #expect(CRC32.checksum([]) == 0)
        #expect(CRC32.checksum(Array("a".utf8)) == 0xE8B7_BE43)
        #expect(CRC32.checksum(Array("123456780".utf8)) != 0xCBF4_3926)
    }
}

/// Reads back what ZipArchive wrote, field by field, the way an unzip tool does: from the end record to the
/// central directory to each local header.
private struct ZipReader {
    struct Entry: Equatable {
        var name: String, flags: UInt16, method: UInt16, crc: UInt32, size: Int, offset: Int, time: UInt16, date: UInt16
        var data: [UInt8]
    }
    let b: [UInt8]
    func u16(_ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }

    func entries() throws -> [Entry] {
        let end = b.count - 22
        try #require(end >= 0)
        #expect(u32(end) == 0x0605_4b50)
        let count = Int(u16(end + 10))
        #expect(Int(u16(end + 8)) == count)
        let size = Int(u32(end + 12)), start = Int(u32(end + 16))
        #expect(start + size == end)
        var out: [Entry] = []
        var p = start
        for _ in 0..<count {
            #expect(u32(p) == 0x0201_4b50)
            let nameLength = Int(u16(p + 28)), extra = Int(u16(p + 30)), comment = Int(u16(p + 32))
            let offset = Int(u32(p + 42))
            let name = String(decoding: b[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            let csize = Int(u32(p + 20)), usize = Int(u32(p + 24))
            #expect(csize == usize)
            // The local header repeats the same facts.
            #expect(u32(offset) == 0x0403_4b50)
            #expect(u16(offset + 6) == u16(p + 8))
            #expect(u32(offset + 14) == u32(p + 16))
            #expect(Int(u32(offset + 18)) == csize)
            #expect(Int(u16(offset + 26)) == nameLength)
            let dataStart = offset + 30 + nameLength + Int(u16(offset + 28))
            #expect(String(decoding: b[(offset + 30)..<(offset + 30 + nameLength)], as: UTF8.self) == name)
            out.append(
                Entry(
                    name: name, flags: u16(p + 8), method: u16(p + 10), crc: u32(p + 16), size: usize, offset: offset,
                    time: u16(p + 12), date: u16(p + 14), data: Array(b[dataStart..<(dataStart + usize)])))
            p += 46 + nameLength + extra + comment
        }
        #expect(p == end)
        return out
    }
}

@Suite struct ZipArchiveTests {
    let when = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-30 00:53:20 UTC

    @Test func anEmptyArchiveIsJustTheEndRecord() throws {
        let bytes = ZipArchive().bytes()
        #expect(bytes.count == 22)
        #expect(try ZipReader(b: bytes).entries().isEmpty)
    }

    @Test func entriesReadBackWithNamesSizesChecksumsAndOffsets() throws {
        var zip = ZipArchive()
        let json = Array(#"{"name":"Amina"}"#.utf8), html = Array("<h1>My data</h1>".utf8)
        zip.add(path: "my-data/data.json", bytes: json, modified: when)
        zip.add(path: "my-data/دیٹا.html", bytes: html, modified: when)
        zip.add(path: "my-data/empty.txt", bytes: [], modified: when)
        let entries = try ZipReader(b: zip.bytes()).entries()
        #expect(entries.map(\.name) == ["my-data/data.json", "my-data/دیٹا.html", "my-data/empty.txt"])
        #expect(entries.map(\.data) == [json, html, []])
        #expect(entries.map(\.crc) == [CRC32.checksum(json), CRC32.checksum(html), 0])
        #expect(entries.map(\.size) == [json.count, html.count, 0])
        #expect(entries.allSatisfy { $0.method == 0 && $0.flags == 0x0800 })
        #expect(entries[0].offset == 0)
        #expect(entries[1].offset == 30 + "my-data/data.json".utf8.count + json.count)
    }

    @Test func theModifiedTimeIsDOSTimeInUTC() throws {
        var zip = ZipArchive()
        zip.add(path: "a", bytes: [1], modified: when)
        zip.add(path: "b", bytes: [2], modified: Date(timeIntervalSince1970: 0))
        let e = try ZipReader(b: zip.bytes()).entries()
        // 00:53:20: seconds are stored halved.
        #expect(e[0].date == UInt16((2026 - 1980) << 9 | 11 << 5 | 30))
        #expect(e[0].time == UInt16(0 << 11 | 53 << 5 | 10))
        // Before 1980 the format cannot say: 1 January 1980.
        #expect(e[1].date == UInt16(1 << 5 | 1) && e[1].time == 0)
    }

    @Test func pathsCannotClimbOutOfTheFolderTheyAreUnpackedIn() throws {
        var zip = ZipArchive()
        zip.add(path: "../../etc/passwd", bytes: [1], modified: when)
        zip.add(path: "/my-data//./uploads\\..\\x.txt", bytes: [2], modified: when)
        zip.add(path: "my-data/bad\u{0}\nname.txt", bytes: [3], modified: when)
        zip.add(path: "..", bytes: [4], modified: when)
        #expect(try ZipReader(b: zip.bytes()).entries().map(\.name) == ["etc/passwd", "my-data/uploads/x.txt", "my-data/badname.txt", "file"])
    }

    @Test func pythonsZipfileOpensItAndReadsTheUrduName() throws {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else { return }
        var zip = ZipArchive()
        let content = #"{"ward":"Central","تبصرہ":"اچھا"}"#
        zip.add(path: "my-data/دیٹا.json", bytes: Array(content.utf8), modified: when)
        zip.add(path: "my-data/index.html", bytes: Array("<p>hi</p>".utf8), modified: when)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-zip-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(zip.bytes()).write(to: file)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            "-c",
            "import zipfile,sys,json; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; "
                + "print(json.dumps([z.namelist(), z.read(z.namelist()[0]).decode('utf-8')]))",
            file.path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let decoded = try JSONDecoder().decode([JSONValue].self, from: output)
        #expect(decoded.first == .names(["my-data/دیٹا.json", "my-data/index.html"]))
        #expect(decoded.last == .text(content))
    }
}

extension ZipArchiveTests {
    @Test func infoZipsUnzipTestsItClean() throws {
        let unzip = "/usr/bin/unzip"
        guard FileManager.default.isExecutableFile(atPath: unzip) else { return }
        var zip = ZipArchive()
        zip.add(path: "my-data/دیٹا.json", bytes: Array("{}".utf8), modified: when)
        zip.add(path: "my-data/index.html", bytes: Array(repeating: 0x41, count: 70_000), modified: when)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-zip-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(zip.bytes()).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: unzip)
        process.arguments = ["-tq", file.path]
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

private enum JSONValue: Decodable, Equatable {
    case names([String]), text(String)
    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { self = .text(s) } else { self = .names(try c.decode([String].self)) }
    }
}
