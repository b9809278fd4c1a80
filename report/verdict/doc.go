// Package verdict is the one place where the report decides whether a
// claim of the paper holds. It knows numbers, not Markdown, figures or
// stores: every function takes means, spreads and bounds and returns one of
// five verdicts, together with the numbers that decided it, so that each
// decision can be tested on small synthetic values.
//
// The five verdicts:
//   - Holds: the claim is confirmed beyond the trials' spread;
//   - Fails: it is contradicted beyond the spread;
//   - Unresolved: the runs cannot tell the compared values apart;
//   - Untestable: there are no results to judge it on here;
//   - Unreachable: the paper's number lies below the noise floor, which no
//     estimator reaches, so matching it is not a test of the algorithm.
//
// A verdict reached at settings short of the paper's is Qualified: before a
// result is called a disagreement with the paper, the paper's settings must
// be ruled out as its cause.
//
// Three rules feed that qualifier and the tables' notes: where a validation
// choice sits on the grid it was searched on (Grid: inside, or at an end,
// where the grid should have been widened), what no learning scores on a
// test split (Baselines: majority class and chance, and whether a mean is
// one class's share), and what a learning curve's last step supports
// (TrendOf: still rising, so no extrapolation, or flat).
package verdict
