#ifndef GRADSCHOOL_ELEMENTWISE_KERNELS_H
#define GRADSCHOOL_ELEMENTWISE_KERNELS_H
// Element-wise kernels written for each kind of vector unit: the loops of a training step other than its
// products (activations, the exponentials of a softmax, optimizer steps). `variant` is one of the
// GS_KERNEL_* numbers of MatrixKernels.h and must be supported by the CPU; NEON and plain share one version.
//
// A native build's Swift code has the target CPU's vector instructions and runs its own versions of these
// loops; the portable build's Swift code is compiled for a baseline CPU, so it calls these, chosen by CPUID.
#include <stdbool.h>

/// y = e^x for `count` floats (x and y may be the same buffer).
void gs_vector_exp(int variant, long count, const float *x, float *y);
/// y = tanh x for `count` floats.
void gs_vector_tanh(int variant, long count, const float *x, float *y);
/// y = σ(x) = 1 / (1 + e^(−x)) for `count` floats.
void gs_vector_sigmoid(int variant, long count, const float *x, float *y);
/// ReLU's backward pass: inputGradient = outputGradient where z > 0, else 0.
void gs_relu_backward(int variant, long count, const float *z, const float *outputGradient, float *inputGradient);

/// A dense layer's bias: `z[r·columns + j] += bias[j]` for every row r (forward), and
/// `sums[j] = Σᵣ g[r·columns + j]` (backward: the bias gradient is the column sums of the output gradient).
void gs_add_bias(int variant, long rows, long columns, const float *bias, float *z);
void gs_column_sums(int variant, long rows, long columns, const float *g, float *sums);

/// `pairs` pairs of normal numbers, mean + deviation·z, from as many 64-bit draws, into `out` (2·pairs floats):
/// the same bits as `RandomSource.normalPair(draw:)` gives, a vector of draws at a time.
void gs_normal_pairs(int variant, long pairs, const unsigned long long *draws, float *out, float mean, float deviation);

/// Plain SGD: p ← p − lr·(g + l2·p + l1·sign p).
void gs_sgd_step(int variant, long count, float *p, const float *gradient, float learningRate, float l1, float l2);
/// SGD with momentum μ (and Nesterov's variant).
void gs_sgd_momentum_step(int variant, long count, float *p, const float *gradient, float *velocity, float learningRate,
                          float momentum, bool nesterov, float l1, float l2);
/// RMSprop with smoothing α.
void gs_rmsprop_step(int variant, long count, float *p, const float *gradient, float *squareAverage, float learningRate,
                     float alpha, float epsilon, float l1, float l2);
/// Adam, with the bias corrections folded in by the caller: stepSize = lr / (1 − β₁ᵗ),
/// inverseRootCorrection2 = 1 / √(1 − β₂ᵗ).
void gs_adam_step(int variant, long count, float *p, const float *gradient, float *mean, float *squareMean,
                  float stepSize, float inverseRootCorrection2, float beta1, float beta2, float epsilon, float l1, float l2);
#endif
