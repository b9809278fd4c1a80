package experiments

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:embed claims.json
var claimsJSON []byte

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

// Row returns the paper's row for label.
func (t PaperTable) Row(label string) (PaperRow, bool) {
	for _, r := range t.Rows {
		if r.Label == label {
			return r, true
		}
	}
	return PaperRow{}, false
}

// Fraction converts a printed paper mean to the unit runs store
// (accuracies are fractions 0..1 there).
func (t PaperTable) Fraction(v float64) float64 {
	if t.Unit == "percent" {
		return v / 100
	}
	return v
}

// The kinds of claim, each judged by its own rule of the report's verdict
// engine.
const (
	ClaimWinner     = "winner"     // the paper's bold entry of Table is the best algorithm
	ClaimLevel      = "level"      // the winner reaches the paper's error level (against the noise floor)
	ClaimCentral    = "central"    // Subject is best wherever the paper says so, over Tables
	ClaimDepth      = "depth"      // Subject's best depth is the paper's
	ClaimInit       = "init"       // Subject's error over the init schemes of Panel spreads by at most Factor
	ClaimNoise      = "noise"      // Subject's test error on Panel grows more slowly than the noise
	ClaimSaturation = "saturation" // Subject's layer-1 updates do not vanish where SGD's gradients do
	ClaimRate       = "rate"       // the KKT residual's log-log slope under Condition is at most Slope
	ClaimWithin     = "within"     // Subject's mean on Table is within Tolerance (percentage points) of the best algorithm's
	ClaimBeta       = "beta"       // Subject's best error over λ, per β of each of Panels, spreads by at most Factor
	ClaimWidth      = "width"      // Subject's chosen width on Table is smaller than every other algorithm's, which on Panel (by width) do worse at Subject's width
	ClaimDegrades   = "degrades"   // on Panel, every algorithm's best beyond depth Beyond is worse than its best up to it
	ClaimScale      = "scale"      // Subject ranks first on Table at every init scale Experiment tried, not only at the chosen one
)

var claimKinds = []string{ClaimWinner, ClaimLevel, ClaimCentral, ClaimDepth, ClaimInit, ClaimNoise, ClaimSaturation, ClaimRate, ClaimWithin,
	ClaimBeta, ClaimWidth, ClaimDegrades, ClaimScale}

// Claim is one line of the scorecard: a claim of the paper, where the
// paper makes it, what it is judged on and by which bounds.
type Claim struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	// Paper is the paper's sentence (paraphrased), Where its location.
	Paper string `json:"paper"`
	Where string `json:"where"`
	// Table, Figure, Panel and Tables name the report items it is judged on.
	Table  string   `json:"table,omitempty"`
	Figure string   `json:"figure,omitempty"`
	Panel  string   `json:"panel,omitempty"`
	Tables []string `json:"tables,omitempty"`
	Panels []string `json:"panels,omitempty"`
	// Experiment is the init-scale stage a "scale" claim reads.
	Experiment string `json:"experiment,omitempty"`
	// Beyond is the depth past which a "degrades" claim says accuracy falls.
	Beyond int `json:"beyond,omitempty"`
	// JudgedOn lists the profiles whose results judge it, preferred first:
	// "points" (the paper's structures and epochs) or "profile" (the
	// report's own profile).
	JudgedOn []string `json:"judged_on"`
	// Bounds: Factor (a ratio bound), FloorFactor (how far below the noise
	// floor the paper's value is out of reach), Noise (the noise variance of
	// the floor), Slope (a rate bound), Condition (the parameters' label).
	Factor      float64 `json:"factor,omitempty"`
	FloorFactor float64 `json:"floor_factor,omitempty"`
	Noise       float64 `json:"noise,omitempty"`
	Slope       float64 `json:"slope,omitempty"`
	Condition   string  `json:"condition,omitempty"`
	// Tolerance is how far (in percentage points of an accuracy) the
	// subject may fall short of the best and still be "within" it.
	Tolerance float64 `json:"tolerance,omitempty"`
	// Constants states the constants of Condition as this repository sets
	// them (the paper leaves them free), for the scorecard's text.
	Constants string `json:"constants,omitempty"`
	Note      string `json:"note,omitempty"`
}

// Recommended is the paper's recommended ADMM parameters.
type Recommended struct {
	Lambda float64 `json:"lambda"`
	Beta   float64 `json:"beta"`
	Label  string  `json:"label"` // how a figure's legend names them
}

// The rules that choose the cell shown "at the paper's (d,w)" when several
// cells of an algorithm share the paper's structure.
const (
	ChooseFirst = "first in axis order"   // the first cell in the grid's axis order
	ChooseRule  = "the experiment's rule" // the experiment's own rule (best, or best on validation)
)

// Claims is claims.json: the paper's knowledge the report judges.
type Claims struct {
	// Subject is the algorithm the paper champions.
	Subject     string      `json:"subject"`
	Recommended Recommended `json:"recommended"`
	Choice      struct {
		AtPaperStructure string `json:"at_paper_structure"`
	} `json:"choice"`
	// Tables are the paper's Tables 3–10, keyed "table3" … "table10".
	Tables map[string]PaperTable `json:"tables"`
	// Items is the claim each table or figure of the report checks, by ID;
	// PanelLabels the algorithm columns a panel shows, by panel ID.
	Items       map[string]string   `json:"items"`
	PanelLabels map[string][]string `json:"panel_labels"`
	// TrainSizes is the training-set size the paper used, by data set
	// (Table 7): where a learning curve on a smaller subset is read.
	TrainSizes map[string]int `json:"train_sizes,omitempty"`
	// Claims is the scorecard, in its order.
	Claims []Claim `json:"claims"`
}

// PaperClaims returns the claims of the paper (claims.json, embedded).
func PaperClaims() (*Claims, error) { return ParseClaims(claimsJSON) }

// ParseClaims decodes and checks a claims file: every claim of a known
// kind, naming what its kind is judged on.
func ParseClaims(data []byte) (*Claims, error) {
	var c Claims
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("claims.json: %w", err)
	}
	if c.Subject == "" {
		return nil, fmt.Errorf("claims.json: no \"subject\" (the algorithm the paper champions)")
	}
	if ch := c.Choice.AtPaperStructure; ch != ChooseFirst && ch != ChooseRule {
		return nil, fmt.Errorf("claims.json: choice.at_paper_structure %q, want %q or %q", ch, ChooseFirst, ChooseRule)
	}
	seen := map[string]bool{}
	for i, cl := range c.Claims {
		if err := c.check(cl); err != nil {
			return nil, fmt.Errorf("claims.json: claims[%d] (%q): %w", i, cl.ID, err)
		}
		if seen[cl.ID] {
			return nil, fmt.Errorf("claims.json: claims[%d]: id %q given twice", i, cl.ID)
		}
		seen[cl.ID] = true
	}
	return &c, nil
}

func (c *Claims) check(cl Claim) error {
	known := false
	for _, k := range claimKinds {
		known = known || k == cl.Kind
	}
	tableOK := func(t string) error {
		if _, ok := c.Tables[t]; !ok {
			return fmt.Errorf("table %q: not among the paper's tables", t)
		}
		return nil
	}
	switch {
	case cl.ID == "":
		return fmt.Errorf("no id")
	case !known:
		return fmt.Errorf("kind %q, want one of %q", cl.Kind, claimKinds)
	case cl.Paper == "" || cl.Where == "":
		return fmt.Errorf("no \"paper\" sentence or \"where\" location")
	case len(cl.JudgedOn) == 0:
		return fmt.Errorf("no \"judged_on\" profiles")
	}
	switch cl.Kind {
	case ClaimWinner, ClaimDepth:
		return tableOK(cl.Table)
	case ClaimBeta:
		if cl.Factor <= 0 || len(cl.Panels) == 0 {
			return fmt.Errorf("a beta claim needs panels and factor > 0")
		}
	case ClaimWidth:
		if cl.Panel == "" {
			return fmt.Errorf("a width claim needs the panel of accuracy by width, on which the others are read at the subject's width")
		}
		return tableOK(cl.Table)
	case ClaimScale:
		if cl.Experiment == "" {
			return fmt.Errorf("a scale claim needs the experiment that chose the init scale")
		}
		return tableOK(cl.Table)
	case ClaimDegrades:
		if cl.Panel == "" || cl.Beyond <= 0 {
			return fmt.Errorf("a degrades claim needs a panel and beyond > 0")
		}
	case ClaimWithin:
		if cl.Tolerance <= 0 {
			return fmt.Errorf("a within claim needs tolerance > 0")
		}
		return tableOK(cl.Table)
	case ClaimLevel:
		if cl.Factor <= 0 || cl.FloorFactor <= 0 || cl.Noise <= 0 {
			return fmt.Errorf("a level claim needs factor, floor_factor and noise > 0")
		}
		return tableOK(cl.Table)
	case ClaimCentral:
		for _, t := range cl.Tables {
			if err := tableOK(t); err != nil {
				return err
			}
		}
	case ClaimInit:
		if cl.Factor <= 0 || cl.Panel == "" {
			return fmt.Errorf("an init claim needs a panel and factor > 0")
		}
	case ClaimNoise, ClaimSaturation:
		if cl.Panel == "" {
			return fmt.Errorf("no panel")
		}
	case ClaimRate:
		if cl.Panel == "" || cl.Condition == "" || cl.Slope >= 0 {
			return fmt.Errorf("a rate claim needs a panel, a condition and slope < 0")
		}
	}
	return nil
}
