// The body of one variant of the element-wise kernels: e^x, tanh, σ and the optimizer steps, the loops a
// training step runs besides its products (a dense layer's bias and normal numbers follow, in BiasTemplate.h
// and NormalTemplate.h, included at the end). A variant's file defines the parameters below, switches on its
// instruction set for the functions that follow, and includes this file once:
//   GS_ELEMENTWISE(name)  the variant's name for a function, e.g. gs_exp_avx2
//   GS_LANES              floats in one vector register
//
// Every function works GS_LANES numbers at a time. The last count mod GS_LANES numbers are copied into a
// zero-padded vector, computed the same way and copied back, so every number goes through the same formula
// whichever lane it lands in. The maths is the same as the engine's Swift versions (`VectorMath`, `Adam`,
// `SGD`, `RMSprop`), which a native build compiles with its own vector instructions; a portable build's Swift
// is compiled for a baseline CPU without them, so it calls these instead.

#define GS_ALWAYS static inline __attribute__((always_inline))

typedef float gs_lanes __attribute__((vector_size(GS_LANES * 4)));
typedef int gs_int_lanes __attribute__((vector_size(GS_LANES * 4)));

GS_ALWAYS gs_lanes gs_load_lanes(const float *p) { gs_lanes v; __builtin_memcpy(&v, p, sizeof v); return v; }
GS_ALWAYS void gs_store_lanes(float *p, gs_lanes v) { __builtin_memcpy(p, &v, sizeof v); }
GS_ALWAYS gs_lanes gs_splat(float x) { return (gs_lanes){0} + x; }
GS_ALWAYS gs_lanes gs_min_lanes(gs_lanes x, gs_lanes y) { return __builtin_elementwise_min(x, y); }
GS_ALWAYS gs_lanes gs_max_lanes(gs_lanes x, gs_lanes y) { return __builtin_elementwise_max(x, y); }

/// ⌊x⌋ for |x| < 2³¹: truncate towards zero, then take one away where that rounded up (negative x with a
/// fraction). Only conversions and a comparison, which every x86-64 and arm64 CPU has as vector instructions.
GS_ALWAYS gs_lanes gs_floor_lanes(gs_lanes x) {
    gs_lanes truncated = __builtin_convertvector(__builtin_convertvector(x, gs_int_lanes), gs_lanes);
    gs_int_lanes above = truncated > x; // −1 where true
    return truncated + __builtin_convertvector(above, gs_lanes);
}

/// e^x: x = n·ln 2 + r with |r| ≤ ½ ln 2, e^r from a degree-6 polynomial (Cephes' `expf`), 2ⁿ written into
/// the exponent bits.
GS_ALWAYS gs_lanes gs_exp_lanes(gs_lanes x) {
    const gs_lanes clamped = gs_max_lanes(gs_min_lanes(x, gs_splat(88.72283f)), gs_splat(-87.33654f));
    const gs_lanes n = gs_floor_lanes(clamped * 1.442695040888963f + 0.5f);
    gs_lanes r = clamped - n * 0.693359375f;
    r = r + n * 2.12194440e-4f;
    const gs_lanes r2 = r * r;
    gs_lanes p = gs_splat(1.9875691500e-4f);
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    const gs_lanes er = p * r2 + r + 1.0f;
    const gs_int_lanes exponent = (__builtin_convertvector(n, gs_int_lanes) + 127) << 23;
    gs_lanes power;
    __builtin_memcpy(&power, &exponent, sizeof power);
    return er * power;
}

/// tanh x = x·P(x²)/Q(x²), clamped where tanh is ±1 to float precision.
GS_ALWAYS gs_lanes gs_tanh_lanes(gs_lanes x) {
    const float limit = 7.90531110763549805f;
    const gs_lanes clamped = gs_max_lanes(gs_min_lanes(x, gs_splat(limit)), gs_splat(-limit));
    const gs_lanes x2 = clamped * clamped;
    gs_lanes p = gs_splat(-2.76076847742355e-16f);
    p = p * x2 + 2.00018790482477e-13f;
    p = p * x2 - 8.60467152213735e-11f;
    p = p * x2 + 5.12229709037114e-08f;
    p = p * x2 + 1.48572235717979e-05f;
    p = p * x2 + 6.37261928875436e-04f;
    p = p * x2 + 4.89352455891786e-03f;
    p = p * clamped;
    gs_lanes q = gs_splat(1.19825839466702e-06f);
    q = q * x2 + 1.18534705686654e-04f;
    q = q * x2 + 2.26843463243900e-03f;
    q = q * x2 + 4.89352518554385e-03f;
    return p / q;
}

/// σ(x) = 1 / (1 + e^(−x)).
GS_ALWAYS gs_lanes gs_sigmoid_lanes(gs_lanes x) { return 1.0f / (1.0f + gs_exp_lanes(-x)); }

/// 1/x for positive finite x; with AVX-512 the 14-bit estimate and one Newton–Raphson step, as the Swift
/// optimizers do (error about 4e-9, below float rounding).
GS_ALWAYS gs_lanes gs_reciprocal_lanes(gs_lanes x) {
#if GS_LANES == 16 && defined(GS_HAS_RCP14)
    const gs_lanes estimate = (gs_lanes)__builtin_ia32_rcp14ps512_mask(x, (gs_lanes){0}, (unsigned short)0xFFFF);
    return estimate * (2.0f - x * estimate);
#else
    return 1.0f / x;
#endif
}

/// g + l2·w + l1·sign(w): the gradient with the L2 and L1 penalties' own gradients added.
GS_ALWAYS gs_lanes gs_penalised(gs_lanes g, gs_lanes w, float l1, float l2) {
    if (l1 == 0) return l2 == 0 ? g : g + l2 * w;
    const gs_int_lanes negative = w < 0, positive = w > 0; // −1 where true
    const gs_lanes sign = __builtin_convertvector(negative, gs_lanes) - __builtin_convertvector(positive, gs_lanes);
    return g + l2 * w + l1 * sign;
}

/// y = f(x) for `count` floats, f one of the vector functions above.
#define GS_MAP(NAME, FUNCTION) \
void GS_ELEMENTWISE(NAME)(long count, const float *x, float *y) { \
    long at = 0; \
    for (; at + GS_LANES <= count; at += GS_LANES) gs_store_lanes(y + at, FUNCTION(gs_load_lanes(x + at))); \
    if (at < count) { \
        float tail[GS_LANES] = {0}; \
        for (long i = 0; i < count - at; i++) tail[i] = x[at + i]; \
        gs_store_lanes(tail, FUNCTION(gs_load_lanes(tail))); \
        for (long i = 0; i < count - at; i++) y[at + i] = tail[i]; \
    } \
}

GS_MAP(exp, gs_exp_lanes)
GS_MAP(tanh, gs_tanh_lanes)
GS_MAP(sigmoid, gs_sigmoid_lanes)

/// Copies the last `left` (< GS_LANES) floats of each named buffer into zero-padded vectors and back.
#define GS_TAIL_IN(name) float name##Tail[GS_LANES] = {0}; for (long i = 0; i < left; i++) name##Tail[i] = name[at + i];
#define GS_TAIL_OUT(name) for (long i = 0; i < left; i++) name[at + i] = name##Tail[i];

/// ReLU's backward pass: ∂L/∂z = ∂L/∂a where z > 0, else 0 (the gradient's bits kept or cleared by the mask
/// the comparison gives).
GS_ALWAYS gs_lanes gs_relu_backward_lanes(gs_lanes z, gs_lanes g) {
    const gs_int_lanes positive = z > 0; // −1 (all bits set) where true
    gs_int_lanes bits;
    __builtin_memcpy(&bits, &g, sizeof bits);
    bits &= positive;
    gs_lanes result;
    __builtin_memcpy(&result, &bits, sizeof result);
    return result;
}

void GS_ELEMENTWISE(relu_backward)(long count, const float *z, const float *outputGradient, float *inputGradient) {
    long at = 0;
    for (; at + GS_LANES <= count; at += GS_LANES)
        gs_store_lanes(inputGradient + at, gs_relu_backward_lanes(gs_load_lanes(z + at), gs_load_lanes(outputGradient + at)));
    const long left = count - at;
    if (left > 0) {
        const float *g = outputGradient;
        float *out = inputGradient;
        GS_TAIL_IN(z) GS_TAIL_IN(g) GS_TAIL_IN(out)
        gs_store_lanes(outTail, gs_relu_backward_lanes(gs_load_lanes(zTail), gs_load_lanes(gTail)));
        GS_TAIL_OUT(out)
    }
}

/// Plain SGD: p ← p − lr·g.
GS_ALWAYS void gs_sgd_lanes(float *p, const float *g, float learningRate, float l1, float l2) {
    const gs_lanes w = gs_load_lanes(p);
    gs_store_lanes(p, w - learningRate * gs_penalised(gs_load_lanes(g), w, l1, l2));
}

void GS_ELEMENTWISE(sgd)(long count, float *p, const float *gradient, float learningRate, float l1, float l2) {
    long at = 0;
    for (; at + GS_LANES <= count; at += GS_LANES) gs_sgd_lanes(p + at, gradient + at, learningRate, l1, l2);
    const long left = count - at;
    if (left > 0) {
        const float *g = gradient;
        GS_TAIL_IN(p) GS_TAIL_IN(g)
        gs_sgd_lanes(pTail, gTail, learningRate, l1, l2);
        GS_TAIL_OUT(p)
    }
}

/// SGD with momentum: v ← μ·v + g, then p ← p − lr·v, or p ← p − lr·(g + μ·v) with Nesterov's variant.
GS_ALWAYS void gs_momentum_lanes(float *p, const float *g, float *v, float learningRate, float momentum, int nesterov,
                                 float l1, float l2) {
    const gs_lanes w = gs_load_lanes(p);
    const gs_lanes penalised = gs_penalised(gs_load_lanes(g), w, l1, l2);
    const gs_lanes velocity = momentum * gs_load_lanes(v) + penalised;
    gs_store_lanes(v, velocity);
    gs_store_lanes(p, w - learningRate * (nesterov ? penalised + momentum * velocity : velocity));
}

void GS_ELEMENTWISE(sgd_momentum)(long count, float *p, const float *gradient, float *velocity, float learningRate,
                                  float momentum, int nesterov, float l1, float l2) {
    long at = 0;
    for (; at + GS_LANES <= count; at += GS_LANES)
        gs_momentum_lanes(p + at, gradient + at, velocity + at, learningRate, momentum, nesterov, l1, l2);
    const long left = count - at;
    if (left > 0) {
        const float *g = gradient;
        float *v = velocity;
        GS_TAIL_IN(p) GS_TAIL_IN(g) GS_TAIL_IN(v)
        gs_momentum_lanes(pTail, gTail, vTail, learningRate, momentum, nesterov, l1, l2);
        GS_TAIL_OUT(p) GS_TAIL_OUT(v)
    }
}

/// RMSprop: s ← α·s + (1 − α)·g², then p ← p − lr·g / (√s + ε).
GS_ALWAYS void gs_rmsprop_lanes(float *p, const float *g, float *s, float learningRate, float alpha, float epsilon,
                                float l1, float l2) {
    const gs_lanes w = gs_load_lanes(p);
    const gs_lanes penalised = gs_penalised(gs_load_lanes(g), w, l1, l2);
    const gs_lanes average = alpha * gs_load_lanes(s) + (1 - alpha) * penalised * penalised;
    gs_store_lanes(s, average);
    gs_store_lanes(p, w - learningRate * penalised * gs_reciprocal_lanes(__builtin_elementwise_sqrt(average) + epsilon));
}

void GS_ELEMENTWISE(rmsprop)(long count, float *p, const float *gradient, float *squareAverage, float learningRate,
                             float alpha, float epsilon, float l1, float l2) {
    long at = 0;
    for (; at + GS_LANES <= count; at += GS_LANES)
        gs_rmsprop_lanes(p + at, gradient + at, squareAverage + at, learningRate, alpha, epsilon, l1, l2);
    const long left = count - at;
    if (left > 0) {
        const float *g = gradient;
        float *s = squareAverage;
        GS_TAIL_IN(p) GS_TAIL_IN(g) GS_TAIL_IN(s)
        gs_rmsprop_lanes(pTail, gTail, sTail, learningRate, alpha, epsilon, l1, l2);
        GS_TAIL_OUT(p) GS_TAIL_OUT(s)
    }
}

/// Adam: m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g², p ← p − stepSize · m / (√v · inverseRootCorrection2 + ε),
/// where the caller folds the bias corrections into stepSize = lr / (1 − β₁ᵗ) and 1/√(1 − β₂ᵗ).
GS_ALWAYS void gs_adam_lanes(float *p, const float *g, float *m, float *v, float stepSize, float inverseRootCorrection2,
                             float beta1, float beta2, float epsilon, float l1, float l2) {
    const gs_lanes w = gs_load_lanes(p);
    const gs_lanes penalised = gs_penalised(gs_load_lanes(g), w, l1, l2);
    const gs_lanes mean = beta1 * gs_load_lanes(m) + (1 - beta1) * penalised;
    const gs_lanes squareMean = beta2 * gs_load_lanes(v) + (1 - beta2) * penalised * penalised;
    gs_store_lanes(m, mean);
    gs_store_lanes(v, squareMean);
    gs_store_lanes(p, w - stepSize * mean
                          * gs_reciprocal_lanes(__builtin_elementwise_sqrt(squareMean) * inverseRootCorrection2 + epsilon));
}

void GS_ELEMENTWISE(adam)(long count, float *p, const float *gradient, float *mean, float *squareMean, float stepSize,
                          float inverseRootCorrection2, float beta1, float beta2, float epsilon, float l1, float l2) {
    long at = 0;
    for (; at + GS_LANES <= count; at += GS_LANES)
        gs_adam_lanes(p + at, gradient + at, mean + at, squareMean + at, stepSize, inverseRootCorrection2,
                      beta1, beta2, epsilon, l1, l2);
    const long left = count - at;
    if (left > 0) {
        const float *g = gradient;
        float *m = mean, *v = squareMean;
        GS_TAIL_IN(p) GS_TAIL_IN(g) GS_TAIL_IN(m) GS_TAIL_IN(v)
        gs_adam_lanes(pTail, gTail, mTail, vTail, stepSize, inverseRootCorrection2, beta1, beta2, epsilon, l1, l2);
        GS_TAIL_OUT(p) GS_TAIL_OUT(m) GS_TAIL_OUT(v)
    }
}

#include "BiasTemplate.h"
#include "NormalTemplate.h"
