// The element-wise kernels for any CPU: 4-float vectors (SSE2 on x86-64, NEON on arm64), no fused multiply-add.
#include "ElementwiseVariants.h"
#define GS_ELEMENTWISE(name) gs_##name##_plain
#define GS_LANES 4
#include "ElementwiseTemplate.h"
