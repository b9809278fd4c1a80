package estimate

import (
	"context"
	"fmt"

	"github.com/admmlab/admmlab/pipeline/store"
)

// CalibrateStore reads the store at path (read-only; a missing one has no
// runs) and calibrates the cost model on its runs of the profile that ran
// on host ("": any host).
func CalibrateStore(path, profile, host string) (Calibration, error) {
	st, err := store.OpenExisting(path)
	if err != nil {
		return Calibration{}, err
	}
	var ix *store.Index
	var planned map[string]bool
	if st != nil {
		defer st.Close()
		ctx := context.Background()
		if ix, err = st.Index(ctx); err != nil {
			return Calibration{}, fmt.Errorf("store %s: %w", path, err)
		}
		if planned, err = st.ProfileRuns(ctx, profile); err != nil {
			return Calibration{}, fmt.Errorf("store %s: %w", path, err)
		}
	}
	return Calibrate(ix, planned, profile, host), nil
}
