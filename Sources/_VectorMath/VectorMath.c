// The vector helpers are `static inline` in their header; this file gives them a translation unit.
#include "VectorMath.h"
