// Package slurm drives a Slurm cluster through its command-line clients:
// sbatch submits (array) jobs, scontrol and sacct report their tasks'
// states and exit codes, scancel cancels, sinfo reports the nodes' CPUs.
//
// Each wrapper runs one command through Client.Exec, so tests replace it
// with recorded outputs (testdata/); the parsers are exported functions of
// the commands' text. The package knows nothing of admmlab's stores or
// runs: it submits scripts and reports what became of them.
package slurm
