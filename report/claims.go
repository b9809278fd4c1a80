package report

import (
	"fmt"
	"strings"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/report/verdict"
)

// Verdicts of the scorecard's claims, decided in package verdict.
const (
	claimHolds       = verdict.Holds
	claimFails       = verdict.Fails
	claimUnresolved  = verdict.Unresolved
	claimUntestable  = verdict.Untestable
	claimUnreachable = verdict.Unreachable
)

// claim is one line of the scorecard: a claim of the paper, whether it holds
// here, and the evidence.
type claim struct {
	ID                               string // the claim's id in claims.json
	Text, Verdict, Evidence, Numbers string
	// Note explains Numbers the same way for every claim of its kind: the
	// scorecard states it once under its table, marked † in each row.
	Note string
}

// claimJudge judges the scorecard's claims from what the report found
// (an) and what the paper says (claims), and from nothing else.
type claimJudge struct {
	an     *Analysis
	claims *experiments.Claims
}

// tableMetric is the metric a results table of the paper reports.
func tableMetric(t string, paper PaperTable) string {
	switch {
	case paper.Unit == "percent":
		return "test_acc"
	case t == "table5" || t == "table6":
		return "test_mse"
	}
	return "train_mse"
}

// atReduced qualifies a verdict reached at settings short of the paper's:
// before a result is called a disagreement with the paper, the paper's
// settings must be ruled out as its cause.
const atReduced = verdict.AtReduced

// qualifyClaim qualifies c's verdict by the reductions of the runs behind
// the panel, and says what they are.
func (j *claimJudge) qualifyClaim(c *claim, panelID string) {
	if r := j.an.Reductions[panelID]; r != "" && c.Verdict != qualified(c.Verdict, r) {
		c.Verdict = qualified(c.Verdict, r)
		c.Numbers += "; profile " + j.an.Profile + ": " + r
	}
}

// qualified is the verdict, qualified when the runs behind it fall short of
// the paper's settings (reduced says how); a comparison within the spread
// needs no qualifier.
func qualified(v, reduced string) string { return verdict.Qualified(v, reduced) }

// winnerEvidence is the verdict on the paper's winner of table t, compared
// like with like where possible: at the paper's structures and epochs
// (profile points) when every algorithm of the table has results there,
// else at this profile's best structures. basis says which.
func (j *claimJudge) winnerEvidence(t string) (contest, string, bool) {
	ta := j.an.Tables[t]
	if ta != nil && ta.Points != nil && ta.Points.Complete {
		c := *ta.Points
		basis := "at the paper's structures and epochs (profile points)"
		if c.Reduced != "" {
			basis = "at the paper's structures (profile points): " + c.Reduced
		}
		return c, basis, true
	}
	if ta == nil || ta.Contest == nil {
		return contest{}, "", false
	}
	c := *ta.Contest
	basis := fmt.Sprintf("at profile %s's best structures (no complete points results)", j.an.Profile)
	if c.Reduced != "" {
		basis += ": " + c.Reduced
	}
	return c, basis, true
}

// link names the evidence: the table or figure ID, which is also its
// section anchor in README.md and its file name under tables/ or figures/.
func link(id string) string { return id }

// judgeClaims judges the paper's claims, in the order of
// experiments/claims.json, from what the tables and figures found (an)
// alone. A claim whose evidence has no place in this report (a level claim
// on a table without a noise floor) is left out.
func judgeClaims(an *Analysis, claims *experiments.Claims) []claim {
	j := &claimJudge{an: an, claims: claims}
	var cs []claim
	for _, cl := range claims.Claims {
		if c, ok := j.judge(cl); ok {
			c.ID = cl.ID
			cs = append(cs, c)
		}
	}
	return cs
}

// recordClaimVerdicts writes each judged claim's verdict into the summary
// as exact numbers, claims/<id>/holds, …/fails and …/at_reduced (0 or 1;
// holds and fails both 0: not resolved, untestable, unreachable or mixed),
// so that admmlab diff flags a verdict that changes, not only a number.
func recordClaimVerdicts(s *Summary, cs []claim) {
	for _, c := range cs {
		base := strings.TrimSuffix(c.Verdict, verdict.AtReduced)
		key := "claims/" + c.ID + "/"
		s.addExact(key+"holds", boolNum(base == claimHolds), nil)
		s.addExact(key+"fails", boolNum(base == claimFails), nil)
		s.addExact(key+"at_reduced", boolNum(base != c.Verdict), nil)
	}
}

// judge judges one claim by its kind; ok is false for a claim whose
// evidence has no place in this report.
func (j *claimJudge) judge(cl experiments.Claim) (claim, bool) {
	judge := map[string]func(experiments.Claim) (claim, bool){
		experiments.ClaimWinner:     j.winnerClaim,
		experiments.ClaimLevel:      j.levelClaim,
		experiments.ClaimCentral:    j.centralClaim,
		experiments.ClaimDepth:      j.depthClaim,
		experiments.ClaimInit:       j.initClaim,
		experiments.ClaimNoise:      j.noiseClaim,
		experiments.ClaimSaturation: j.saturationClaim,
		experiments.ClaimRate:       j.rateClaim,
		experiments.ClaimWithin:     j.withinClaim,
		experiments.ClaimBeta:       j.betaClaim,
		experiments.ClaimWidth:      j.widthClaim,
		experiments.ClaimDegrades:   j.degradesClaim,
		experiments.ClaimScale:      j.scaleClaim,
	}
	return judge[cl.Kind](cl)
}

// tableName is "Table 3" for "table3".
func tableName(t string) string { return strings.Replace(t, "table", "Table ", 1) }

// winnerClaim: the paper's bold entry of the table is best.
func (j *claimJudge) winnerClaim(cl experiments.Claim) (claim, bool) {
	paper := j.claims.Tables[cl.Table]
	c := claim{Text: fmt.Sprintf("%s: %s is best", tableName(cl.Table), paper.Winner), Evidence: link(cl.Table)}
	con, basis, ok := j.winnerEvidence(cl.Table)
	if !ok {
		c.Verdict, c.Numbers = claimUntestable, "no results (data missing or not run)"
	} else {
		c.Verdict, c.Numbers = qualified(con.Verdict, con.Reduced), con.Why+"; "+basis
	}
	return c, true
}

// levelClaim: the paper's winner reaches the paper's error, judged
// against the noise floor at the claim's noise variance; left out where
// the table has no floor.
func (j *claimJudge) levelClaim(cl experiments.Claim) (claim, bool) {
	paper := j.claims.Tables[cl.Table]
	ta := j.an.Tables[cl.Table]
	fl, ok := ta.noiseFloor(cl.Noise, "test_mse")
	if !ok {
		return claim{}, false
	}
	pr, ok := paper.Row(paper.Winner)
	if !ok {
		return claim{}, false
	}
	c := claim{Text: fmt.Sprintf("%s: %s reaches %s", tableName(cl.Table), paper.Winner, fmtSci(pr.Mean)), Evidence: link(cl.Table)}
	m, _ := ta.best(paper.Winner, "test_mse")
	ours := m.Mean
	c.Numbers = fmt.Sprintf("noise floor at variance %s: %s (paper's value %.2g× it); ours %s", fmtG(cl.Noise), fmtSci(fl), pr.Mean/fl, fmtSci(ours))
	c.Verdict = verdict.Level(pr.Mean, fl, ours, cl.FloorFactor, cl.Factor)
	return c, true
}

// centralClaim: the subject is best wherever the paper prints it in bold,
// from the winner verdicts of those tables.
func (j *claimJudge) centralClaim(cl experiments.Claim) (claim, bool) {
	tally, n := verdict.Tally{}, 0
	for _, t := range cl.Tables {
		if con, _, ok := j.winnerEvidence(t); ok && j.claims.Tables[t].Winner == j.claims.Subject {
			n++
			tally[qualified(con.Verdict, con.Reduced)]++
		}
	}
	return claim{Text: "Central claim: " + j.claims.Subject + " beats the SGD family", Evidence: "Tables 3–6, 8–10", Verdict: tally.Summary(n),
		Numbers: fmt.Sprintf("of the %d tables with results where the paper has %s best, the claim holds in %d (%d at reduced settings), fails in %d (%d at reduced settings), is within the trial spread in %d and untestable at n = 1 in %d (each as in its line above)",
			n, j.claims.Subject, tally.Holds(), tally[claimHolds+atReduced], tally.Fails(), tally[claimFails+atReduced], tally[claimUnresolved], tally[claimUntestable])}, true
}

// depthClaim: the subject's best depth is the paper's, comparing the
// paper's structure with our best, both on this profile's grid and epochs.
func (j *claimJudge) depthClaim(cl experiments.Claim) (claim, bool) {
	subject := j.claims.Subject
	pr, ok := j.claims.Tables[cl.Table].Row(subject)
	if !ok {
		return claim{}, false
	}
	c := claim{Text: fmt.Sprintf("%s's best depth is %d (%s)", subject, pr.Depth, tableName(cl.Table)), Evidence: link(cl.Figure) + ", " + link(cl.Table)}
	metric := tableMetric(cl.Table, j.claims.Tables[cl.Table])
	ta := j.an.Tables[cl.Table]
	ours, okD := ta.cell(subject)
	depth, width := ours.Depth, ours.Width
	best, okB := ta.best(subject, metric)
	atPaper, okP := ta.atPaper(subject, metric)
	switch {
	case !okD:
		return claim{Text: c.Text, Evidence: c.Evidence, Verdict: claimUntestable, Numbers: "no results"}, true
	case depth == pr.Depth:
		c.Verdict, c.Numbers = claimHolds, fmt.Sprintf("ours: depth %d", depth)
	case !okB || !okP:
		c.Verdict, c.Numbers = claimUntestable, fmt.Sprintf("ours: depth %d; the paper's structure was not run to compare with", depth)
	default:
		c.Verdict = scaleOf(metric).Structure(false, best, atPaper)
		c.Numbers = fmt.Sprintf("ours: depth %d; %s", depth,
			gapText(metric, fmt.Sprintf("ours at (%d,%d)", depth, width), best, fmt.Sprintf("at the paper's (%d,%d)", pr.Depth, pr.Width), atPaper))
	}
	// The depth compared is the subject's at this profile's settings; the
	// grid ends of the table's winner and rival have no bearing on it.
	reduced := ta.settings()
	c.Verdict = qualified(c.Verdict, reduced)
	if reduced != "" {
		c.Numbers += "; profile " + j.an.Profile + ": " + reduced
	}
	return c, true
}

// figureOf is the figure of a panel ID: "fig7" for "fig7b".
func figureOf(panel string) string { return strings.TrimRight(panel, "abcdefgh") }
