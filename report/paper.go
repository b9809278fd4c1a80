package report

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:embed paper_values.json
var paperJSON []byte

// PaperRow is one algorithm's column of a paper results table.
type PaperRow struct {
	Label   string  `json:"label"`
	Mean    float64 `json:"mean"` // MSE, or accuracy in percent
	Std     float64 `json:"std"`
	Seconds float64 `json:"seconds"`
	Depth   int     `json:"depth"`
	Width   int     `json:"width"`
}

// PaperTable is one of the paper's Tables 3–10 as printed.
type PaperTable struct {
	Caption  string     `json:"caption"`
	Unit     string     `json:"unit"` // "mse" or "percent"
	Winner   string     `json:"winner"`
	Baseline float64    `json:"baseline,omitempty"`
	Rows     []PaperRow `json:"rows"`
}

// row returns the paper's row for label.
func (t PaperTable) row(label string) (PaperRow, bool) {
	for _, r := range t.Rows {
		if r.Label == label {
			return r, true
		}
	}
	return PaperRow{}, false
}

// fraction converts a printed paper mean to the unit the engine stores
// (accuracies are fractions 0..1 there).
func (t PaperTable) fraction(v float64) float64 {
	if t.Unit == "percent" {
		return v / 100
	}
	return v
}

// PaperValues returns the hand-transcribed Tables 3–10, keyed "table3" … "table10".
func PaperValues() (map[string]PaperTable, error) {
	var v struct {
		Source string                `json:"_source"`
		Tables map[string]PaperTable `json:"tables"`
	}
	if err := json.Unmarshal(paperJSON, &v); err != nil {
		return nil, fmt.Errorf("report: paper_values.json: %w", err)
	}
	return v.Tables, nil
}
