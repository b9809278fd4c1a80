package archive

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"maps"
	"math"
	"slices"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// ResultHash is the hex SHA-256 of a result's full content: its diverged
// flag and epoch, every metric but wall-clock times (names sorted, values
// as their bits), and every whole-net and per-layer curve in the store's
// layered layout (store.MarshalCurves). Two results have the same hash
// exactly when runs.CompareResults (skipping runs.IsWallClock) finds no
// difference. The store keeps no final weights, so neither does the hash.
func ResultHash(res runs.Result) string {
	h := sha256.New()
	h.Write([]byte("admmlab result v1\x00"))
	var b [8]byte
	div := uint64(0)
	if res.Diverged {
		div = 1
	}
	binary.LittleEndian.PutUint64(b[:], div)
	h.Write(b[:])
	binary.LittleEndian.PutUint64(b[:], uint64(int64(res.DivergedEpoch)))
	h.Write(b[:])
	for _, k := range slices.Sorted(maps.Keys(res.Metrics)) {
		if runs.IsWallClock(k) {
			continue
		}
		h.Write([]byte(k))
		h.Write([]byte{0})
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(res.Metrics[k]))
		h.Write(b[:])
	}
	h.Write([]byte{0})
	h.Write(store.MarshalCurves(res.Curves, res.Layers))
	return hex.EncodeToString(h.Sum(nil))
}
