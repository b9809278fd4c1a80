package main

import (
	"os"
	"path/filepath"
)

// sharedDir finds the workplace's shared/ directory: $ADMMLAB_SHARED, or
// ../shared beside the repository root.
func sharedDir() string {
	if d := os.Getenv("ADMMLAB_SHARED"); d != "" {
		return d
	}
	abs, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared"))
	return abs
}
