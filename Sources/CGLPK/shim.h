// Debian's GLPK (apt-get install libglpk-dev): the LP/ILP solver behind citizens'-panel selection
// (ChorusCore/Panels). glpk.h declares the whole C API (glp_simplex, glp_interior, glp_intopt, ...).
#ifndef CHORUS_CGLPK_SHIM_H
#define CHORUS_CGLPK_SHIM_H
#include <glpk.h>
#endif
