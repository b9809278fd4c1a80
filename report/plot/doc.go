// Package plot draws the report's figures (package report/figure) to PNG
// with gonum/plot: the house style, decade ticks on log axes, error bars
// kept above 0, notices in place of panels without data, and the tiling of
// panels into one image. It decides nothing about the data it draws.
package plot
