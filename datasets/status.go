package datasets

import (
	"context"
	"errors"
	"fmt"
)

// Status loads every data set (a toy learning task at the paper's noise
// variance) without downloading and calls line with its name's line: its
// source, counts and seed-0 digest, why it is not available, or its error.
// It returns the last error other than a data set not being available.
func Status(ctx context.Context, opt Options, line func(string)) error {
	opt.Fetch = false
	var failed error
	for _, name := range Names() {
		o := opt
		info, _ := name.Info()
		o.Noise = info.PaperNoise
		ds, err := Load(ctx, name, o)
		var na *NotAvailableError
		switch {
		case errors.As(err, &na):
			line(fmt.Sprintf("%-10s  %s", name, na.Error()))
		case err != nil:
			line(fmt.Sprintf("%-10s  error: %v", name, err))
			failed = err
		default:
			line(fmt.Sprintf("%-10s  %s; %s; digest %s", name, ds.Source, ds.Counts, ds.Digest))
		}
	}
	return failed
}

// FetchAll makes each real data set of the catalogue available (mirror →
// cache → download, as opt allows) and loads it once to prove it parses,
// calling line with each one's outcome. A data set that is not available
// is reported, not counted; it returns how many failed verification or
// parsing.
func FetchAll(ctx context.Context, opt Options, line func(string)) (failed int) {
	for _, spec := range Catalog {
		ds, err := Load(ctx, spec.Name, opt)
		var na *NotAvailableError
		switch {
		case err == nil:
			line(fmt.Sprintf("%s: ok %s; %s", spec.Name, ds.Source, ds.Counts))
		case errors.As(err, &na):
			line(fmt.Sprintf("%s: %v", spec.Name, err))
		default:
			line(fmt.Sprintf("%s: FAILED: %v", spec.Name, err))
			failed++
		}
	}
	return failed
}
