package admmlab_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// module is the import path prefix of our packages.
const module = "github.com/admmlab/admmlab/"

// docRow is one package of ARCHITECTURE.md's table.
type docRow struct {
	pkg     string
	level   int
	index   int // position in the table, bottom first
	imports []string
}

var backticked = regexp.MustCompile("`([^`]+)`")

// readArchitecture parses the package table of ARCHITECTURE.md: rows of
// the form | `pkg` | level | what | `imp`, `imp` |.
func readArchitecture(t *testing.T, path string) []docRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []docRow
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		cols := strings.Split(strings.Trim(sc.Text(), "|"), "|")
		if len(cols) != 4 {
			continue
		}
		name := backticked.FindStringSubmatch(cols[0])
		level, err := strconv.Atoi(strings.TrimSpace(cols[1]))
		if name == nil || err != nil {
			continue
		}
		r := docRow{pkg: name[1], level: level, index: len(rows)}
		for _, m := range backticked.FindAllStringSubmatch(cols[3], -1) {
			r.imports = append(r.imports, m[1])
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no package table (rows | `pkg` | level | what | imports |)", path)
	}
	return rows
}

// goListArrows returns our packages' imports of our packages, by package,
// as go list reports them (test files aside).
func goListArrows(t *testing.T) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	arrows := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fs := strings.Fields(line)
		pkg, ok := strings.CutPrefix(fs[0], module)
		if !ok {
			continue // the module root holds only this test
		}
		arrows[pkg] = nil
		for _, imp := range fs[1:] {
			if rest, ok := strings.CutPrefix(imp, module); ok {
				arrows[pkg] = append(arrows[pkg], rest)
			}
		}
	}
	return arrows
}

// architectureProblems compares the documented table with the arrows go
// list reports and checks that the table is ordered bottom to top.
func architectureProblems(rows []docRow, arrows map[string][]string) []string {
	var problems []string
	byPkg := map[string]docRow{}
	for _, r := range rows {
		if _, dup := byPkg[r.pkg]; dup {
			problems = append(problems, fmt.Sprintf("%s: listed twice", r.pkg))
		}
		byPkg[r.pkg] = r
	}
	for pkg := range arrows {
		if _, ok := byPkg[pkg]; !ok {
			problems = append(problems, fmt.Sprintf("%s: a package that ARCHITECTURE.md does not list", pkg))
		}
	}
	for _, r := range rows {
		actual, ok := arrows[r.pkg]
		if !ok {
			problems = append(problems, fmt.Sprintf("%s: listed, but go list has no such package", r.pkg))
			continue
		}
		for _, imp := range actual {
			if !contains(r.imports, imp) {
				problems = append(problems, fmt.Sprintf("%s → %s: an import that ARCHITECTURE.md does not list", r.pkg, imp))
			}
		}
		for _, imp := range r.imports {
			if !contains(actual, imp) {
				problems = append(problems, fmt.Sprintf("%s → %s: listed in ARCHITECTURE.md, but not imported", r.pkg, imp))
			}
			dep, ok := byPkg[imp]
			switch {
			case !ok:
			case dep.index >= r.index:
				problems = append(problems, fmt.Sprintf("%s → %s: imports a package listed at or above it (the table is bottom to top)", r.pkg, imp))
			case dep.level > r.level:
				problems = append(problems, fmt.Sprintf("%s (level %d) → %s (level %d): an arrow up a level", r.pkg, r.level, imp, dep.level))
			}
		}
	}
	sort.Strings(problems)
	return problems
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestArchitectureMatchesGoList(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	rows := readArchitecture(t, "ARCHITECTURE.md")
	for _, p := range architectureProblems(rows, goListArrows(t)) {
		t.Error(p)
	}
}

func TestArchitectureProblems(t *testing.T) {
	rows := []docRow{
		{pkg: "a", level: 0, index: 0},
		{pkg: "b", level: 1, index: 1, imports: []string{"a"}},
		{pkg: "c", level: 1, index: 2, imports: []string{"b"}},
	}
	cases := []struct {
		name   string
		arrows map[string][]string
		want   []string
	}{
		{"agrees", map[string][]string{"a": nil, "b": {"a"}, "c": {"b"}}, nil},
		{"undocumented arrow", map[string][]string{"a": nil, "b": {"a"}, "c": {"b", "a"}},
			[]string{"c → a: an import that ARCHITECTURE.md does not list"}},
		{"documented arrow gone", map[string][]string{"a": nil, "b": nil, "c": {"b"}},
			[]string{"b → a: listed in ARCHITECTURE.md, but not imported"}},
		{"undocumented package", map[string][]string{"a": nil, "b": {"a"}, "c": {"b"}, "d": nil},
			[]string{"d: a package that ARCHITECTURE.md does not list"}},
	}
	for _, c := range cases {
		got := architectureProblems(rows, c.arrows)
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s: problems\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
	up := []docRow{{pkg: "a", level: 1, index: 0}, {pkg: "b", level: 0, index: 1, imports: []string{"a"}}, {pkg: "c", level: 2, index: 2, imports: []string{"c"}}}
	got := architectureProblems(up, map[string][]string{"a": nil, "b": {"a"}, "c": {"c"}})
	want := []string{
		"b (level 0) → a (level 1): an arrow up a level",
		"c → c: imports a package listed at or above it (the table is bottom to top)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("order and levels: problems\n%q\nwant\n%q", got, want)
	}
}
