// Package resources says, before a run starts, about how much memory it
// will need and how much this machine has, so that a run that cannot fit is
// refused with the estimate instead of crashing the process. It lives
// outside the engine so that its formula can change without changing the
// engine's code fingerprint (and so re-running every stored run).
package resources
