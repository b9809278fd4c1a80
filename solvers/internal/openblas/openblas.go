//go:build cgo

// Package openblas sets and reads OpenBLAS's thread count, and reads its
// build configuration and the core type whose kernels it picked, through
// cgo. It is apart from solvers because a package that uses cgo may not hold
// Go assembly, and solvers does (its vector kernels).
package openblas

/*
#cgo LDFLAGS: -lopenblas
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
char* openblas_get_config(void);
char* openblas_get_corename(void);
*/
import "C"

// SetThreads sets the number of threads OpenBLAS uses for every later call.
func SetThreads(n int) { C.openblas_set_num_threads(C.int(n)) }

// Threads reports the number of threads OpenBLAS uses.
func Threads() int { return int(C.openblas_get_num_threads()) }

// Config returns OpenBLAS's build configuration, such as
// "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64".
func Config() string { return C.GoString(C.openblas_get_config()) }

// CoreName returns the core type whose kernels OpenBLAS uses on this CPU
// (or the one OPENBLAS_CORETYPE forces), such as "Haswell".
func CoreName() string { return C.GoString(C.openblas_get_corename()) }
