import Foundation

/// The parsers Chorus fuzzes, each as one check that feeds arbitrary bytes to a parser and asserts what must hold
/// whatever the bytes are. A failed `precondition` (a trap) is a finding: libFuzzer saves the input that caused it.
///
/// The same functions run twice: under libFuzzer (the `fuzz/` package, one executable per target, built with
/// `-sanitize=fuzzer,address`) and as regression tests (`ChorusFuzzReplayTests` replays every file of
/// `fuzz/corpus/<name>/`). See docs/fuzzing.md.
public struct FuzzTarget: Sendable {
    /// The target's name: its corpus folder `fuzz/corpus/<name>/` and its fuzzer executable `fuzz-<name>`.
    public let name: String
    /// What is fuzzed, one line.
    public let summary: String
    public let check: @Sendable (Data) -> Void

    public static let all: [FuzzTarget] = [
        FuzzTarget(
            name: "csv", summary: "CSV.parse, CSVStreamParser in any chunking, CSVTable, and CSV.write read back",
            check: CSVChecks.check),
        FuzzTarget(
            name: "insight_rows", summary: "an insight survey export: header mapping and each row's cells as the import reads them",
            check: ImportChecks.insightRows),
        FuzzTarget(
            name: "activity_rows", summary: "an activity spreadsheet: header mapping, dates, yes/no, lists and coded cells",
            check: ImportChecks.activityRows),
        FuzzTarget(
            name: "place_rows", summary: "a places CSV through PlaceImport.check and parentFirst",
            check: ImportChecks.placeRows),
        FuzzTarget(
            name: "ical", summary: "ICalendar.feed from arbitrary text fields, read back line by line",
            check: ICalendarChecks.check),
        FuzzTarget(
            name: "geojson", summary: "GeoBoundaries.check on arbitrary JSON, the stored form's round trip and the map layout",
            check: GeoJSONChecks.check),
        FuzzTarget(
            name: "multipart", summary: "MultipartKit's streaming MultipartParser as StreamedUpload drives it, in any chunking",
            check: MultipartChecks.check),
        FuzzTarget(
            name: "pabulib", summary: "PabulibElection.parse on arbitrary text: refused with a reason, or an election that keeps its rules",
            check: PabulibChecks.check),
    ]

    public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }
}

/// Deterministic choices drawn from the input itself (chunk sizes, split points), so a saved input replays exactly.
struct FuzzDice {
    private var state: UInt64

    init(_ bytes: some Collection<UInt8>) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes.prefix(64) { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        state = h ^ UInt64(bytes.count)
    }

    mutating func next(_ upper: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(max(upper, 1)))
    }

    /// Cuts `count` bytes into chunks of 1…`maxChunk` bytes.
    mutating func chunks(of count: Int, maxChunk: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        while start < count {
            let end = min(count, start + 1 + next(maxChunk))
            out.append(start..<end)
            start = end
        }
        return out
    }
}

/// Splits an input into fields at 0x1F (ASCII unit separator), for targets that take several strings.
func splitFields(_ data: Data, count: Int) -> [[UInt8]] {
    var fields: [[UInt8]] = [[]]
    for b in data {
        if b == 0x1F, fields.count < count { fields.append([]) } else { fields[fields.count - 1].append(b) }
    }
    while fields.count < count { fields.append([]) }
    return fields
}

/// The scalars of a string: fields are compared scalar by scalar, never with `String ==` (which treats canonically
/// equivalent text as equal and would hide a change of bytes).
func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }
func scalars(_ row: [String]) -> [[UInt32]] { row.map(scalars) }
