// The small-product path with NEON (arm64): 4-float registers.
#include "ProductSmallVariants.h"
#if defined(__aarch64__)
#define GS_SMALL_ENTRY gs_small_product_neon
#define GS_SMALL_INNER_ENTRY gs_small_inner_neon
#define GS_LANES 4
#include "ProductSmallTemplate.h"
#endif
