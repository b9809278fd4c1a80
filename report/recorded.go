package report

import (
	"fmt"
	"sort"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// RecordedData turns what the store recorded of the catalogue's real data
// sets into the report's options: counts and subset caveats, the maps, and
// for each data set no run of the store has seen, why it has no results.
func RecordedData(cat *experiments.Catalogue, recorded map[[2]string]runs.DataInfo) (map[string]DataInfo, map[string]ScatterData, map[string]string) {
	variant := map[string]string{}
	var names []string
	for _, d := range cat.Definitions {
		if _, seen := variant[d.Data]; !seen && !datasets.Name(d.Data).IsToy() {
			variant[d.Data] = d.DataVariant
			names = append(names, d.Data)
		}
	}
	sort.Strings(names)
	info, maps, missing := map[string]DataInfo{}, map[string]ScatterData{}, map[string]string{}
	for _, n := range names {
		rec, ok := recorded[[2]string{n, variant[n]}]
		switch {
		case !ok:
			missing[n] = fmt.Sprintf("data not available: no run of this store has read %s (admmlab data status says where its files go)", n)
		case rec.Unusable != "":
			missing[n] = "unusable: " + rec.Unusable
		default:
			info[n] = DataInfo{Counts: rec.Counts, Subset: rec.Subset, TestClasses: rec.TestClasses}
		}
		if ok && len(rec.Map) > 0 {
			sd := ScatterData{Title: "Earthquake felt reports by intensity class", XLabel: "city longitude (°)", YLabel: "city latitude (°)"}
			for _, c := range rec.Map {
				sd.Series = append(sd.Series, ScatterSeries{Name: c.Name, X: c.X, Y: c.Y})
			}
			maps[n] = sd
		}
	}
	return info, maps, missing
}
