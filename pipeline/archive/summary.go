package archive

import "fmt"

// String summarises an export of a profile: plans, run files written,
// unchanged and removed, named runs not done in the store, and the folder's
// size.
func (s ExportStats) String() string {
	out := fmt.Sprintf("%d plans; run files: %d written, %d unchanged, %d removed", s.Plans, s.Written, s.Unchanged, s.Pruned)
	if s.Kept+s.Absent > 0 {
		out += fmt.Sprintf("; %d named runs not done in the store (%d of them kept from the archive)", s.Kept+s.Absent, s.Kept)
	}
	return out + fmt.Sprintf("; %d files, %.1f MB", s.Files, float64(s.Bytes)/1e6)
}

// String summarises an import of a profile: runs imported and already
// present, plans, and runs the plans name that were not archived (why runs
// were left out is Reasons and Left).
func (s ImportStats) String() string {
	out := fmt.Sprintf("%d runs imported, %d already in the store, %d plans", s.Imported, s.Present, s.Plans)
	if s.Unarchived > 0 {
		out += fmt.Sprintf("; %d runs the plans name were not archived (not done where it was exported)", s.Unarchived)
	}
	return out
}
