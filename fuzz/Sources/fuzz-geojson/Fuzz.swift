import ChorusFuzzChecks
import Foundation
import FuzzerDriver

private let target = FuzzTarget.named("geojson")!

/// One input, checked by ChorusFuzzChecks: a broken invariant traps, and libFuzzer saves the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    target.check(start.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}

/// SwiftPM links `main` to this entry point, so it starts libFuzzer with the command line (see FuzzerDriver.h).
@main enum Fuzzer {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { fuzzOneInput($0, $1) })
    }
}
