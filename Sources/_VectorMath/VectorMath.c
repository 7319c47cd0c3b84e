// The helpers are `static inline` in the header; this file gives the target something to compile.
#include "VectorMath.h"
