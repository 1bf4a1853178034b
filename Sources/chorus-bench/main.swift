// chorus-bench: benchmarks of ChorusCore's engines, run without a server. Each prints what it measured; none
// passes or fails on time (see bench/README.md).
//   swift build -c release --product chorus-bench --scratch-path .build-release
//   .build-release/release/chorus-bench redaction [options]
//   .build-release/release/chorus-bench themes [options]
//   .build-release/release/chorus-bench pb --rule mes-add1 file.pb ...
//   .build-release/release/chorus-bench panels --algorithm leximin --size 40 folder ...
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "redaction": RedactionBench.run(Array(arguments.dropFirst()))
case "themes": ThemeBench.run(Array(arguments.dropFirst()))
case "embed": EmbedBench.run(Array(arguments.dropFirst()))
case "embed-themes": EmbedThemeBench.run(Array(arguments.dropFirst()))
case "pb": PBBench.run(Array(arguments.dropFirst()))
case "panels": PanelBench.run(Array(arguments.dropFirst()))
default:
    FileHandle.standardError.write(Data("usage: chorus-bench redaction|themes|embed|embed-themes|pb|panels [options]\n".utf8))
    exit(2)
}
