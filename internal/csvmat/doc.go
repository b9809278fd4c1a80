// Package csvmat reads small dense matrices stored as comma-separated text,
// one matrix row per line, as the ADMM reference fixtures are
// (shared/fixtures/admm-reference). It is deliberately minimal: no quoting,
// no header, float64 only. Errors name the file, the line and what was
// expected.
package csvmat
