// swift-tools-version:6.1
// libFuzzer executables for Chorus's parsers, one per target in ChorusFuzzChecks (docs/fuzzing.md). A separate
// package so the app's build never sees the fuzzer flags; bench/fuzz.sh builds it with
// `swift build -c release --scratch-path ../.build-fuzz -Xswiftc -sanitize=fuzzer,address`.
import Foundation
import PackageDescription

/// The root package's identity is its folder's name (a path dependency has no other).
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent()
let targets = ["csv", "insight_rows", "activity_rows", "place_rows", "ical", "geojson", "multipart", "pabulib"]

let package = Package(
    name: "ChorusFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: root.path)],
    targets: [
        // The declaration of libFuzzer's LLVMFuzzerRunDriver (a header; the code is in the toolchain's libFuzzer).
        .target(name: "FuzzerDriver"),
        // The entry every executable shares: libFuzzer's callback and the driver's start, for the target it names.
        .target(
            name: "FuzzMain", dependencies: ["FuzzerDriver", .product(name: "ChorusFuzzChecks", package: root.lastPathComponent)]),
    ]
        + targets.map { name in
            .executableTarget(
                name: "fuzz-\(name)",
                dependencies: ["FuzzMain"],
                path: "Sources/fuzz-\(name)"
            )
        },
    swiftLanguageModes: [.v6]
)
