// Only the header matters: LLVMFuzzerRunDriver is in libFuzzer.
#include "FuzzerDriver.h"
