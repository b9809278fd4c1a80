package solvers

import (
	"fmt"
	"strings"
)

// table is the one list of a vocabulary's names: every value with its
// spelling, in the order All lists them. Parse and String both read it, so a
// name is written once.
type table[T ~int] struct {
	what    string // what the names name, for errors: "activation"
	typ     string // the Go type, for String of an unknown value
	entries []entry[T]
}

type entry[T ~int] struct {
	value T
	name  string
}

// all returns the values in table order.
func (t table[T]) all() []T {
	out := make([]T, len(t.entries))
	for i, e := range t.entries {
		out[i] = e.value
	}
	return out
}

// names returns the spellings in table order.
func (t table[T]) names() []string {
	out := make([]string, len(t.entries))
	for i, e := range t.entries {
		out[i] = e.name
	}
	return out
}

// parse maps a spelling to its value; the error names every accepted one.
func (t table[T]) parse(s string) (T, error) {
	for _, e := range t.entries {
		if e.name == s {
			return e.value, nil
		}
	}
	var zero T
	return zero, fmt.Errorf("unknown %s %q, want %s", t.what, s, orList(t.names()))
}

// name returns v's spelling, or "Type(v)" for a value outside the table.
func (t table[T]) name(v T) string {
	for _, e := range t.entries {
		if e.value == v {
			return e.name
		}
	}
	return fmt.Sprintf("%s(%d)", t.typ, int(v))
}

// orList spells names as "a, b or c"; an empty name reads "nothing".
func orList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		if n == "" {
			n = "nothing"
		}
		q[i] = n
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
