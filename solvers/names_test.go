package solvers

import (
	"slices"
	"strings"
	"testing"
)

// vocab is one vocabulary seen through strings, so that one table of tests
// covers them all.
type vocab struct {
	what  string
	names []string                     // the spellings All lists, in order
	parse func(string) (string, error) // Parse, then String
	bad   func() string                // String of a value outside the table
}

func vocabOf[T interface {
	~int
	String() string
}](what string, all []T, parse func(string) (T, error)) vocab {
	return vocab{
		what:  what,
		names: Names(all),
		parse: func(s string) (string, error) {
			v, err := parse(s)
			return v.String(), err
		},
		bad: func() string { return T(99).String() },
	}
}

func TestVocabularies(t *testing.T) {
	tests := []struct {
		v    vocab
		want []string // every spelling, exactly as the cache keys and definitions hold it
	}{
		{vocabOf("algorithm", AllAlgorithms(), ParseAlgorithm), []string{"admm", "sgd", "sgdm", "adam"}},
		{vocabOf("solver family", AllFamilies(), ParseFamily), []string{"admm", "sgd"}},
		{vocabOf("activation", AllActivations(), ParseActivation), []string{"sigmoid", "relu", "tanh"}},
		{vocabOf("init scheme", AllInitSchemes(), ParseInitScheme),
			[]string{"lecun-unif", "lecun-gauss", "orth-unif", "orth-gauss", "xavier", "msra", "msra-fanin"}},
		{vocabOf("LLA variant", AllLLAs(), ParseLLA), []string{"paper", "reference"}},
		{vocabOf("beta rule", AllBetaRules(), ParseBetaRule), []string{"", "theorem4"}},
		{vocabOf("task", AllTasks(), ParseTask), []string{"regression", "classify-sign", "classify-argmax"}},
	}
	for _, tc := range tests {
		t.Run(tc.v.what, func(t *testing.T) {
			if !slices.Equal(tc.v.names, tc.want) {
				t.Errorf("names %q, want %q", tc.v.names, tc.want)
			}
			for _, name := range tc.v.names {
				got, err := tc.v.parse(name)
				if err != nil || got != name {
					t.Errorf("parse(%q) then String = %q, %v; want %q", name, got, err, name)
				}
			}
			for _, bad := range []string{"nonsense", strings.ToUpper(tc.want[len(tc.want)-1]), tc.want[0] + " "} {
				_, err := tc.v.parse(bad)
				if err == nil {
					t.Errorf("parse(%q) succeeded, want an error", bad)
					continue
				}
				msg := err.Error()
				if !strings.Contains(msg, tc.v.what) || !strings.Contains(msg, `"`+bad+`"`) {
					t.Errorf("parse(%q): error %q does not name the %s and the input", bad, msg, tc.v.what)
				}
				for _, name := range tc.want {
					if name != "" && !strings.Contains(msg, name) {
						t.Errorf("parse(%q): error %q does not list %q", bad, msg, name)
					}
				}
			}
			if s := tc.v.bad(); !strings.HasSuffix(s, "(99)") {
				t.Errorf("String of an unknown value = %q, want Type(99)", s)
			}
		})
	}
}

func TestErrorText(t *testing.T) {
	_, err := ParseActivation("softplus")
	if want := `unknown activation "softplus", want sigmoid, relu or tanh`; err == nil || err.Error() != want {
		t.Errorf("ParseActivation error %v, want %q", err, want)
	}
	_, err = ParseBetaRule("theorem5")
	if want := `unknown beta rule "theorem5", want nothing or theorem4`; err == nil || err.Error() != want {
		t.Errorf("ParseBetaRule error %v, want %q", err, want)
	}
}

func TestFamily(t *testing.T) {
	for _, a := range AllAlgorithms() {
		want := FamilySGD
		if a == ADMM {
			want = FamilyADMM
		}
		if a.Family() != want {
			t.Errorf("%v.Family() = %v, want %v", a, a.Family(), want)
		}
	}
}

func TestPaperInitSchemes(t *testing.T) {
	paper := PaperInitSchemes()
	if len(paper) != 6 || slices.Contains(paper, MSRAFanIn) {
		t.Errorf("PaperInitSchemes() = %v, want the paper's six", paper)
	}
	if !slices.Equal(paper, AllInitSchemes()[:6]) {
		t.Errorf("PaperInitSchemes() = %v, want the first six of AllInitSchemes() %v", paper, AllInitSchemes())
	}
}
