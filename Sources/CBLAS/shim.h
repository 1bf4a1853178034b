// Debian's OpenBLAS (apt-get install libopenblas-dev): cblas.h declares the CBLAS interface plus OpenBLAS's
// own openblas_set_num_threads / openblas_get_num_threads.
#ifndef CHORUS_CBLAS_SHIM_H
#define CHORUS_CBLAS_SHIM_H
#include <cblas.h>
#endif
