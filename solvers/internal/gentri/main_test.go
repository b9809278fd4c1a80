package main

import (
	"bytes"
	"os"
	"testing"
)

// TestGeneratedFileIsCurrent: the committed kernels are what the generator
// writes (after a change here, run go generate ./solvers/).
func TestGeneratedFileIsCurrent(t *testing.T) {
	const path = "../../admm/triangular_amd64.s"
	have, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, Generate()) {
		t.Errorf("%s is not what gentri writes; run go generate ./solvers/", path)
	}
}
