// Package figure is the model of the report's figures: panels of series
// (points with optional error bars), scatter clouds, axes and their
// ranges, as plain data. It draws nothing and imports no plotting
// library: package report/plot draws a Figure to PNG, the way gonum/plot
// separates a plot from its backends. What a log axis cannot show as it
// is (values ≤ 0, non-finite values) is decided here (Clean), so that
// whether a panel has anything to draw is known before it is drawn.
package figure
