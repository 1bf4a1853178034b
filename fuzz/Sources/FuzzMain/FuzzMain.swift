import ChorusFuzzChecks
import Foundation
import FuzzerDriver

/// The check libFuzzer runs: set once by `runFuzzer` before the driver starts, read by every input.
nonisolated(unsafe) private var current: FuzzTarget?

/// One input, checked by ChorusFuzzChecks: a broken invariant traps, and libFuzzer saves the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    current?.check(start.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}

/// Starts libFuzzer with the command line on the target named `name` (each fuzz executable's whole `main`). SwiftPM
/// links `main` to the executable's entry point, so libFuzzer's own main() never runs (see FuzzerDriver.h).
public func runFuzzer(_ name: String) -> Never {
    guard let target = FuzzTarget.named(name) else { fatalError("no fuzz target named \(name)") }
    current = target
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv) { fuzzOneInput($0, $1) })
}
