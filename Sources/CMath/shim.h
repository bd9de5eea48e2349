// The C library's mathematical functions (exp, log, tanh, pow, …), one import for every platform.
#include <math.h>

// The square root of every lane of a vector of 8 floats, in one instruction where the CPU has one
// (vsqrtps with AVX, two sqrtps with SSE, fsqrt on ARM). Swift's SIMD `squareRoot()` goes lane by
// lane, each lane a scalar square root with a check and a call of sqrtf for negative input (for
// errno). Square roots are correctly rounded either way, so the results are the same bits. Swift
// sees the vector type as SIMD8<Float>; a SIMD16<Float> takes it for each of its halves.
typedef float cmath_float8 __attribute__((ext_vector_type(8)));

static inline cmath_float8 vector_square_root8(cmath_float8 x) {
#if __has_builtin(__builtin_elementwise_sqrt)
    return __builtin_elementwise_sqrt(x);
#else
    for (int i = 0; i < 8; i++) x[i] = __builtin_sqrtf(x[i]);
    return x;
#endif
}
