import ChorusFuzzChecks
import Foundation
import Testing

/// Replays the saved fuzzing corpus (fuzz/corpus/<target>/, hand-made seeds plus inputs the fuzzers found) through
/// the same checks the fuzzers run, so a parser change that breaks one of them fails CI without running a fuzzer.
/// A broken invariant traps (that is how libFuzzer sees it), so a failure here stops the test process with the
/// check's message; `bench/fuzz.sh` and docs/fuzzing.md say how to reproduce one input.
@Suite struct FuzzCorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fuzz/corpus")

    static func files(_ target: String) throws -> [URL] {
        let dir = corpus.appendingPathComponent(target)
        return try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    @Test(arguments: FuzzTarget.all.map(\.name))
    func replaysCorpus(_ name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        let files = try Self.files(name)
        #expect(files.count >= 5, "fuzz/corpus/\(name) should hold seeds")
        for file in files {
            // A broken check stops the process before Swift Testing can report; this line names the input.
            FileHandle.standardError.write(Data("fuzz replay: \(name)/\(file.lastPathComponent)\n".utf8))
            target.check(try Data(contentsOf: file))
        }
    }

    /// Every corpus folder belongs to a target, so a renamed target cannot leave its corpus unreplayed.
    @Test func everyCorpusFolderIsATarget() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(folders == FuzzTarget.all.map(\.name).sorted())
    }
}
