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
package verdict
