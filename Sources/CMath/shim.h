// The C library's mathematical functions (exp, log, tanh, pow, …), one import for every platform.
#include <math.h>
