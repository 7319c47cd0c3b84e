// The small-product path for any CPU: 4-float vectors (SSE2 on baseline x86-64, scalar code elsewhere).
#include "ProductSmallVariants.h"
#define GS_SMALL_ENTRY gs_small_product_plain
#define GS_SMALL_INNER_ENTRY gs_small_inner_plain
#define GS_LANES 4
#include "ProductSmallTemplate.h"
