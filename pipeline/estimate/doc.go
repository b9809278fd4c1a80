// Package estimate owns every estimate made before runs start: a run's
// memory (MemoryEstimate) against the machine's (MachineMemory), the
// admission that refuses a catalogue whose runs cannot fit (Admit,
// CheckPlan), how
// many workers can usefully run at once (MaxJobs), and a run's CPU cost
// (Model) with the calibration it rests on (Calibrate). `plan`, `run`'s
// admission and the Slurm executor's round sizing all call it.
//
// It sits above pipeline (it reads plans and the store's index) and below
// the CLI; like pipeline it knows nothing of matrices. It lives outside the
// engine so that its formulas can change without changing the engine's
// code fingerprint (and so re-running every stored run).
package estimate
