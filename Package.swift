// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Chorus",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "chorus", targets: ["chorus"]),
        .executable(name: "chorus-bench", targets: ["chorus-bench"]),
        .library(name: "Chorus", targets: ["Chorus"]),
        .library(name: "ChorusCore", targets: ["ChorusCore"]),
        .library(name: "ChorusEmbed", targets: ["ChorusEmbed"]),
        // The fuzzers' checks (fuzz/Package.swift builds one libFuzzer executable per parser on top of it).
        .library(name: "ChorusFuzzChecks", targets: ["ChorusFuzzChecks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        // Already in the graph through Vapor; named here because the SMTP transport speaks to the network itself.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.65.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.27.0"),
        // Also through Vapor; its streaming parser writes CSV uploads to disk as they arrive.
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.0"),
    ],
    targets: [
        // Pure domain rules: no Vapor, no Fluent. Tests run in milliseconds.
        .target(name: "ChorusCore", dependencies: ["CGLPK"]),
        // Debian's GLPK (libglpk-dev): the LP/ILP solver for citizens'-panel selection (ChorusCore/Panels).
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK", providers: [.apt(["libglpk-dev"])]),
        // Debian's OpenBLAS (libopenblas-dev) for the sentence-embedding model's matrix products.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", providers: [.apt(["libopenblas-dev"])]),
        // Sentence embeddings (all-MiniLM-L6-v2) run in-process: tokenizer, safetensors, BERT forward pass.
        // Optimised even in debug builds (the demo and the tests use debug): unoptimised, its Swift kernels (GELU,
        // softmax, LayerNorm) made embedding the demo's 20,000 insights take many CPU-minutes instead of about one.
        .target(name: "ChorusEmbed", dependencies: ["ChorusCore", "CBLAS"], swiftSettings: [.unsafeFlags(["-O"])]),
        .target(
            name: "Chorus",
            dependencies: [
                "ChorusCore",
                "ChorusEmbed",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ]
        ),
        .executableTarget(name: "chorus", dependencies: ["Chorus"]),
        // What each parser must do with any input (docs/fuzzing.md): run by the fuzzers in fuzz/ and, over the saved
        // corpus in fuzz/corpus, by ChorusFuzzReplayTests. MultipartKit is the parser StreamedUpload drives.
        .target(
            name: "ChorusFuzzChecks",
            dependencies: [
                "ChorusCore",
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Engine benchmarks (bench/): ChorusCore and ChorusEmbed, no Vapor, so a release build takes seconds, not minutes.
        .executableTarget(name: "chorus-bench", dependencies: ["ChorusCore", "ChorusEmbed"]),
        .testTarget(name: "ChorusCoreTests", dependencies: ["ChorusCore"]),
        .testTarget(name: "ChorusEmbedTests", dependencies: ["ChorusEmbed", "ChorusCore"]),
        .testTarget(name: "ChorusFuzzReplayTests", dependencies: ["ChorusFuzzChecks"]),
        .testTarget(
            name: "ChorusTests",
            dependencies: [
                "Chorus",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
