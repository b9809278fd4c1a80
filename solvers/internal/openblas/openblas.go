//go:build cgo

// Package openblas sets and reads OpenBLAS's thread count through cgo. It is
// apart from solvers because a package that uses cgo may not hold Go
// assembly, and solvers does (its vector sigmoid).
package openblas

/*
#cgo LDFLAGS: -lopenblas
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
*/
import "C"

// SetThreads sets the number of threads OpenBLAS uses for every later call.
func SetThreads(n int) { C.openblas_set_num_threads(C.int(n)) }

// Threads reports the number of threads OpenBLAS uses.
func Threads() int { return int(C.openblas_get_num_threads()) }
