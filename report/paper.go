package report

import (
	"fmt"

	"github.com/admmlab/admmlab/experiments"
)

// PaperRow and PaperTable are the paper's printed results tables, declared
// with the claims in experiments/claims.json.
type (
	PaperRow   = experiments.PaperRow
	PaperTable = experiments.PaperTable
)

// PaperValues returns the hand-transcribed Tables 3–10, keyed "table3" … "table10".
func PaperValues() (map[string]PaperTable, error) {
	c, err := experiments.PaperClaims()
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return c.Tables, nil
}
