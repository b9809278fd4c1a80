package pipeline

import "github.com/admmlab/admmlab/pipeline/runs"

// Key keys a spec as run and plan do, and says why it cannot run here
// ("" when it can): the skip reason of a spec whose data is not available.
// It is an archive.Keyer.
func (r *Resolver) Key(spec runs.Spec) (runs.Key, string, error) {
	pr, err := r.Classify(spec)
	if err != nil {
		return runs.Key{}, "", err
	}
	if pr.State == StateSkipped {
		return pr.Key, pr.Why, nil
	}
	return pr.Key, "", nil
}
