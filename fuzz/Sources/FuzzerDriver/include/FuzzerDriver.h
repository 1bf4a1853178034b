// libFuzzer's entry for programs that have their own main (https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library).
// SwiftPM renames an executable's entry point and links `main` to it, so libFuzzer's own main() is never used; each
// fuzz target's main hands its arguments and LLVMFuzzerTestOneInput to this. Defined in the toolchain's libFuzzer,
// linked by -sanitize=fuzzer.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
