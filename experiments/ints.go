package experiments

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// Ints is a list of integers that JSON may write in any number syntax
// ("width": [1e3] is 1000), so that a large value reaches validation, which
// names the field and says why it is refused, instead of failing to decode.
// A value with a fraction, or beyond ±2^53, is an error.
type Ints []int

// UnmarshalJSON decodes a JSON array of integral numbers.
func (v *Ints) UnmarshalJSON(b []byte) error {
	var nums []json.Number
	if err := json.Unmarshal(b, &nums); err != nil {
		return err
	}
	out := make(Ints, 0, len(nums))
	for _, n := range nums {
		if i, err := strconv.ParseInt(string(n), 10, 64); err == nil && i >= -1<<53 && i <= 1<<53 {
			out = append(out, int(i))
			continue
		}
		f, err := strconv.ParseFloat(string(n), 64)
		if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			return fmt.Errorf("%s is not an integer of magnitude at most 2^53", n)
		}
		out = append(out, int(f))
	}
	*v = out
	return nil
}
