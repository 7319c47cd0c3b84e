#ifndef GRADSCHOOL_MATRIX_KERNELS_H
#define GRADSCHOOL_MATRIX_KERNELS_H
// Matrix-product kernels written for each kind of vector unit, and the choice between them.
//
// Every variant computes the same product C = A·B on row-major buffers:
//   A is rows×inner, element (i, k) at a[i·rowStride + k·innerStride] (so Aᵀ is read without copying it),
//   B is inner×columns, C is rows×columns and is overwritten.
// They differ in how many numbers one vector register holds and how many registers there are, and so in
// the tile of C that stays in registers while k runs over the inner dimension:
//   AVX-512  16 lanes, 32 registers: 12 rows × 32 columns, 24 accumulators + 2 of B + 1 broadcast
//   AVX2+FMA  8 lanes, 16 registers:  6 rows × 16 columns, 12 accumulators + 2 of B + 1 broadcast
//   NEON      4 lanes, 32 registers:  8 rows × 12 columns, 24 accumulators + 3 of B + 1 broadcast
//   plain     4 lanes (SSE2 or scalar code), no fused multiply-add: 4 rows × 8 columns
#include <stdbool.h>
// The same variants of the other hot loops of training (activations, optimizer steps).
#include "ElementwiseKernels.h"

/// The kernel variants, narrowest first. The numbers are stable: Swift's `MatrixProduct.Variant` mirrors them.
enum {
    GS_KERNEL_PLAIN = 0,
    GS_KERNEL_AVX2 = 1,
    GS_KERNEL_AVX512 = 2,
    GS_KERNEL_NEON = 3,
};

/// Whether this binary holds `variant` and this CPU can run it (CPUID on x86-64).
bool gs_kernel_is_supported(int variant);

/// The widest variant the compiler was told the target CPU has, whether or not the CPU running the program
/// has more: what a native build uses. `static inline` on purpose: Swift compiles this header with its own
/// `-target-cpu`, so the answer describes the Swift module that calls it (the kernels' own C files are
/// compiled for baseline CPUs, each variant switching on its instruction set with a target attribute).
static inline int gs_kernel_compiled_variant(void) {
#if defined(__AVX512F__) && defined(__AVX512VL__) && defined(__FMA__)
    return GS_KERNEL_AVX512;
#elif defined(__AVX2__) && defined(__FMA__)
    return GS_KERNEL_AVX2;
#elif defined(__aarch64__) && defined(__ARM_NEON)
    return GS_KERNEL_NEON;
#else
    return GS_KERNEL_PLAIN;
#endif
}

/// The widest variant this CPU supports, found with CPUID: what a portable build uses.
int gs_kernel_widest_supported_variant(void);

/// `C = A·B` with the given variant; the caller checks it is supported. B's rows are `ldb` floats apart and
/// C's `ldc` (both `columns` for whole matrices; more for a block of columns, as threads take).
void gs_matrix_product(int variant, long rows, long inner, long columns,
                       const float *a, long rowStride, long innerStride,
                       const float *b, long ldb, float *c, long ldc);

/// What a product does to each element of C as it is finished, before storing it: a dense layer's forward
/// pass and the ReLU after it (Z = X·Wᵀ + b, A = relu(Z)), or its input gradient and the backward pass of
/// the ReLU before it (∂L/∂A = G·W, ∂L/∂Z = ∂L/∂A where Z > 0), in one pass over the output instead of two
/// or three.
///   bias   NULL, or `columns` floats: C[i, j] = (Σₖ A[i, k]·B[k, j]) + bias[j], the sum first and the bias added
///          to it, exactly as a separate pass over C would (so the same bits)
///   relu   NULL, or room for rows × columns floats, rows `ldr` floats apart, written beside C:
///          without `gate`, relu(C[i, j]): 0 where C[i, j] < 0 and C[i, j] itself elsewhere (−0 and NaN pass
///          unchanged), as ReLU's forward pass gives;
///          with `gate` (rows `ldg` floats apart), C[i, j] where gate[i, j] > 0 and 0 elsewhere (NaN included),
///          as ReLU's backward pass gives with gate = z
typedef struct {
    const float *bias;
    float *relu;
    long ldr;
    const float *gate;
    long ldg;
} gs_product_finish;

/// `C = A·B` as `gs_matrix_product`, each element then finished as `finish` says. The register tiles and the
/// small-inner path finish an element while it is still in a register; the narrow paths (under 4 columns)
/// finish C in a short pass after the product.
void gs_matrix_product_finishing(int variant, long rows, long inner, long columns,
                                 const float *a, long rowStride, long innerStride,
                                 const float *b, long ldb, float *c, long ldc, gs_product_finish finish);

/// The small-product path alone (products up to 3 columns wide, read straight from A and B; wider ones
/// take a plain loop): what `gs_matrix_product` calls for them, exposed so tests can hold each variant to
/// the reference.
void gs_small_product(int variant, long rows, long inner, long columns,
                      const float *a, long rowStride, long innerStride,
                      const float *b, long ldb, float *c, long ldc);

/// The small-product path for inner dimensions of 1 to 4 steps and at least one vector of columns (B kept
/// in registers while A's rows go by). Returns 0, leaving C alone, for any other shape.
int gs_small_inner(int variant, long rows, long inner, long columns,
                   const float *a, long rowStride, long innerStride,
                   const float *b, long ldb, float *c, long ldc);

#endif
