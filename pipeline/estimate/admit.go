package estimate

import (
	"fmt"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline"
)

// Admit is the admission of run, plan and explain: it validates the
// catalogue's definitions, plans the profile (only: the experiments to
// select, their dependencies coming along; nil: all) and refuses a plan
// whose runs cannot fit this machine's memory (CheckPlan against
// MachineMemory, when known). Every error is a problem of the request:
// nothing was run.
func Admit(cat *experiments.Catalogue, profile string, only []string) (*pipeline.Plan, error) {
	if err := pipeline.Validate(cat.Definitions); err != nil {
		return nil, fmt.Errorf("invalid definitions, nothing was run:\n%v", err)
	}
	p, err := pipeline.NewPlan(cat, profile, only)
	if err != nil {
		return nil, err
	}
	if limit := MachineMemory(); limit > 0 {
		if err := CheckPlan(p, Memory{}, limit); err != nil {
			return nil, err
		}
	}
	return p, nil
}
