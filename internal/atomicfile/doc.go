// Package atomicfile writes a file so that readers see its old content or
// its new content, never a half-written one: the bytes go to a temporary
// file beside the destination, which is synced, closed and only then
// renamed over it. A write that fails, or that the caller abandons (a
// download whose checksum is wrong), leaves the destination as it was and
// nothing beside it.
//
// The report's output files and the data sets' downloads are written
// through it.
package atomicfile
