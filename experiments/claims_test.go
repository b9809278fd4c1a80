package experiments

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestPaperClaims(t *testing.T) {
	c, err := PaperClaims()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, cl := range c.Claims {
		kinds[cl.Kind]++
	}
	for _, k := range claimKinds {
		if kinds[k] == 0 {
			t.Errorf("claims.json judges no claim of kind %q", k)
		}
	}
	if _, ok := c.Tables[c.Claims[0].Table]; !ok {
		t.Errorf("the first claim's table %q is not among the paper's tables", c.Claims[0].Table)
	}
	for id, tb := range c.Tables {
		if _, ok := tb.Row(tb.Winner); !ok {
			t.Errorf("%s: the winner %q has no row", id, tb.Winner)
		}
	}
}

// TestParseClaimsRejects changes one field of the embedded claims file at a
// time and checks that the error names what is wrong.
func TestParseClaimsRejects(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(c *Claims)
		want   string
	}{
		{"no subject", func(c *Claims) { c.Subject = "" }, `no "subject"`},
		{"unknown choice rule", func(c *Claims) { c.Choice.AtPaperStructure = "last" }, "choice.at_paper_structure"},
		{"unknown kind", func(c *Claims) { c.Claims[0].Kind = "vibes" }, `kind "vibes"`},
		{"unknown table", func(c *Claims) { c.Claims[0].Table = "table99" }, `table "table99"`},
		{"no sentence", func(c *Claims) { c.Claims[0].Paper = "" }, `no "paper" sentence`},
		{"no profiles", func(c *Claims) { c.Claims[0].JudgedOn = nil }, `no "judged_on"`},
		{"duplicate id", func(c *Claims) { c.Claims[1].ID = c.Claims[0].ID }, "given twice"},
		{"level without a factor", func(c *Claims) { c.Claims[1].Factor = 0 }, "factor, floor_factor and noise"},
		{"rate without a condition", func(c *Claims) { c.Claims[len(c.Claims)-1].Condition = "" }, "a rate claim needs"},
	} {
		c, err := PaperClaims()
		if err != nil {
			t.Fatal(err)
		}
		tc.change(c)
		data, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		_, err = ParseClaims(data)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

func TestPaperTableFraction(t *testing.T) {
	pct, mse := PaperTable{Unit: "percent"}, PaperTable{Unit: "mse"}
	if pct.Fraction(98.5) != 0.985 || mse.Fraction(1e-3) != 1e-3 {
		t.Error("Fraction: percent must become a fraction, an MSE stay as it is")
	}
}
