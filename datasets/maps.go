package datasets

import "context"

// MapClass is one class of a data map's points, in degrees.
type MapClass struct {
	Name     string
	Lon, Lat []float64
}

// EarthquakeMap returns the data of Fig 16(a): where each complete felt
// report of the earthquake data was felt (the city's longitude and
// latitude), split into the task's two classes. It finds the file as Load
// does, so missing data give a *NotAvailableError.
func EarthquakeMap(ctx context.Context, opt Options) ([]MapClass, error) {
	paths, _, err := locateAll(ctx, lookup(Earthquake), lookup(Earthquake).Files, opt)
	if err != nil {
		return nil, err
	}
	raw, err := readEarthquake(paths[0])
	if err != nil {
		return nil, err
	}
	classes := []MapClass{{Name: "MMI 1–4 (+1)"}, {Name: "MMI 5–12 (−1)"}}
	for i, f := range raw.Features {
		c := &classes[0]
		if raw.MMI[i] > 4 {
			c = &classes[1]
		}
		// Features follow eqColumns: epicentre lat, lon, city lat, lon, …
		c.Lon = append(c.Lon, f[3])
		c.Lat = append(c.Lat, f[2])
	}
	return classes, nil
}
