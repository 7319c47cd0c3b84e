#ifndef GRADSCHOOL_ELEMENTWISE_VARIANTS_H
#define GRADSCHOOL_ELEMENTWISE_VARIANTS_H
// The element-wise kernels of each variant, each compiled for its own instruction set (see ElementwiseTemplate.h).
#define GS_ELEMENTWISE_DECLARATIONS(variant) \
    void gs_exp_##variant(long count, const float *x, float *y); \
    void gs_tanh_##variant(long count, const float *x, float *y); \
    void gs_sigmoid_##variant(long count, const float *x, float *y); \
    void gs_sgd_##variant(long count, float *p, const float *gradient, float learningRate, float l1, float l2); \
    void gs_sgd_momentum_##variant(long count, float *p, const float *gradient, float *velocity, float learningRate, \
                                   float momentum, int nesterov, float l1, float l2); \
    void gs_rmsprop_##variant(long count, float *p, const float *gradient, float *squareAverage, float learningRate, \
                              float alpha, float epsilon, float l1, float l2); \
    void gs_adam_##variant(long count, float *p, const float *gradient, float *mean, float *squareMean, float stepSize, \
                           float inverseRootCorrection2, float beta1, float beta2, float epsilon, float l1, float l2); \
    void gs_relu_backward_##variant(long count, const float *z, const float *outputGradient, float *inputGradient); \
    void gs_add_bias_##variant(long rows, long columns, const float *bias, float *z); \
    void gs_column_sums_##variant(long rows, long columns, const float *g, float *sums); \
    void gs_normal_pairs_##variant(long pairs, const unsigned long long *draws, float *out, float mean, float deviation);
GS_ELEMENTWISE_DECLARATIONS(plain)
#if defined(__x86_64__)
GS_ELEMENTWISE_DECLARATIONS(avx2)
GS_ELEMENTWISE_DECLARATIONS(avx512)
#endif
#endif
