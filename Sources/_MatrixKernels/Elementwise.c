// The choice of element-wise kernel variant, as for the products: the caller passes the variant that runs.
// NEON has no element-wise variant of its own: the plain one already compiles to NEON on arm64.
#include "ElementwiseKernels.h"
#include "ElementwiseVariants.h"
#include "MatrixKernels.h"

#if defined(__x86_64__)
#define GS_DISPATCH(variant, name, ...) do { \
    switch (variant) { \
    case GS_KERNEL_AVX512: gs_##name##_avx512(__VA_ARGS__); return; \
    case GS_KERNEL_AVX2: gs_##name##_avx2(__VA_ARGS__); return; \
    default: gs_##name##_plain(__VA_ARGS__); return; \
    } \
} while (0)
#else
#define GS_DISPATCH(variant, name, ...) do { gs_##name##_plain(__VA_ARGS__); return; } while (0)
#endif

void gs_vector_exp(int variant, long count, const float *x, float *y) { GS_DISPATCH(variant, exp, count, x, y); }
void gs_vector_tanh(int variant, long count, const float *x, float *y) { GS_DISPATCH(variant, tanh, count, x, y); }
void gs_vector_sigmoid(int variant, long count, const float *x, float *y) { GS_DISPATCH(variant, sigmoid, count, x, y); }

void gs_relu_backward(int variant, long count, const float *z, const float *outputGradient, float *inputGradient) {
    GS_DISPATCH(variant, relu_backward, count, z, outputGradient, inputGradient);
}

void gs_add_bias(int variant, long rows, long columns, const float *bias, float *z) {
    GS_DISPATCH(variant, add_bias, rows, columns, bias, z);
}

void gs_column_sums(int variant, long rows, long columns, const float *g, float *sums) {
    GS_DISPATCH(variant, column_sums, rows, columns, g, sums);
}

void gs_normal_pairs(int variant, long pairs, const unsigned long long *draws, float *out, float mean, float deviation) {
    GS_DISPATCH(variant, normal_pairs, pairs, draws, out, mean, deviation);
}

void gs_sgd_step(int variant, long count, float *p, const float *gradient, float learningRate, float l1, float l2) {
    GS_DISPATCH(variant, sgd, count, p, gradient, learningRate, l1, l2);
}

void gs_sgd_momentum_step(int variant, long count, float *p, const float *gradient, float *velocity, float learningRate,
                          float momentum, bool nesterov, float l1, float l2) {
    GS_DISPATCH(variant, sgd_momentum, count, p, gradient, velocity, learningRate, momentum, nesterov ? 1 : 0, l1, l2);
}

void gs_rmsprop_step(int variant, long count, float *p, const float *gradient, float *squareAverage, float learningRate,
                     float alpha, float epsilon, float l1, float l2) {
    GS_DISPATCH(variant, rmsprop, count, p, gradient, squareAverage, learningRate, alpha, epsilon, l1, l2);
}

void gs_adam_step(int variant, long count, float *p, const float *gradient, float *mean, float *squareMean,
                  float stepSize, float inverseRootCorrection2, float beta1, float beta2, float epsilon, float l1, float l2) {
    GS_DISPATCH(variant, adam, count, p, gradient, mean, squareMean, stepSize, inverseRootCorrection2, beta1, beta2,
                epsilon, l1, l2);
}
