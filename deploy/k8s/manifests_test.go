package k8s

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	sigsjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

// manifests are the decoded objects of a set of YAML files.
type manifests struct {
	jobs map[string]*batchv1.Job // by file:name
	pvcs map[string]*corev1.PersistentVolumeClaim
}

// decode reads every document of every file strictly: a field the
// Kubernetes API types do not have, or a field given twice, is an error, as
// is a kind this test does not know.
func decode(files map[string][]byte) (*manifests, []error) {
	m := &manifests{jobs: map[string]*batchv1.Job{}, pvcs: map[string]*corev1.PersistentVolumeClaim{}}
	var errs []error
	for _, name := range sortedKeys(files) {
		docs := regexp.MustCompile(`(?m)^---\s*$`).Split(string(files[name]), -1)
		for i, doc := range docs {
			if strings.TrimSpace(stripComments(doc)) == "" {
				continue
			}
			where := fmt.Sprintf("%s, document %d", name, i+1)
			var tm metav1.TypeMeta
			if err := yaml.Unmarshal([]byte(doc), &tm); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", where, err))
				continue
			}
			var obj interface{ GetName() string }
			switch tm.APIVersion + " " + tm.Kind {
			case "batch/v1 Job":
				obj = &batchv1.Job{}
			case "v1 PersistentVolumeClaim":
				obj = &corev1.PersistentVolumeClaim{}
			default:
				errs = append(errs, fmt.Errorf("%s: apiVersion %q kind %q: not a kind this test checks (add it)", where, tm.APIVersion, tm.Kind))
				continue
			}
			if err := decodeStrict([]byte(doc), obj); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", where, err))
				continue
			}
			switch o := obj.(type) {
			case *batchv1.Job:
				m.jobs[name+":"+o.Name] = o
			case *corev1.PersistentVolumeClaim:
				m.pvcs[o.Name] = o
			}
		}
	}
	return m, errs
}

// decodeStrict decodes one YAML document into obj as the API server's
// strict field validation does: duplicate keys and fields obj's type does
// not have are errors, named by their path (spec.template.spec.x).
func decodeStrict(doc []byte, obj any) error {
	js, err := yaml.YAMLToJSONStrict(doc)
	if err != nil {
		return err
	}
	strict, err := sigsjson.UnmarshalStrict(js, obj, sigsjson.DisallowUnknownFields)
	if err != nil {
		return err
	}
	return errors.Join(strict...)
}

func stripComments(doc string) string {
	var b strings.Builder
	for _, l := range strings.Split(doc, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "#") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// check returns every way the manifests break what the deployment relies
// on (deploy/README.md, Kubernetes).
func (m *manifests) check() []error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if len(m.jobs) == 0 {
		bad("no Job")
	}
	results, ok := m.pvcs["admmlab-results"]
	switch {
	case !ok:
		bad("no PersistentVolumeClaim admmlab-results")
	case !slices.Contains(results.Spec.AccessModes, corev1.ReadWriteMany):
		bad("PersistentVolumeClaim admmlab-results: access modes %v, want ReadWriteMany (shards on many nodes write it)", results.Spec.AccessModes)
	}
	images := map[string][]string{}
	for _, key := range sortedKeys(m.jobs) {
		j := m.jobs[key]
		pod := j.Spec.Template.Spec
		if pod.RestartPolicy != corev1.RestartPolicyNever {
			bad("%s: restartPolicy %q, want Never (a failed pod is retried by the Job, per index)", key, pod.RestartPolicy)
		}
		if j.Spec.CompletionMode != nil && *j.Spec.CompletionMode == batchv1.IndexedCompletion {
			if j.Spec.BackoffLimitPerIndex == nil {
				bad("%s: an Indexed Job without backoffLimitPerIndex: one failing shard would exhaust the Job-wide backoffLimit", key)
			}
			if j.Spec.Completions == nil {
				bad("%s: an Indexed Job without completions (the shard count)", key)
			}
			for _, c := range pod.Containers {
				shards, ok := envOf(c, "SHARDS")
				if !ok {
					bad("%s: container %s: no SHARDS: the shard count must be explicit", key, c.Name)
				} else if n, err := strconv.Atoi(shards); err != nil || j.Spec.Completions == nil || int32(n) != *j.Spec.Completions {
					bad("%s: container %s: SHARDS %q, want the Job's completions", key, c.Name, shards)
				}
			}
		}
		volumes := map[string]corev1.Volume{}
		for _, v := range pod.Volumes {
			volumes[v.Name] = v
			if c := v.PersistentVolumeClaim; c != nil {
				if _, ok := m.pvcs[c.ClaimName]; !ok {
					bad("%s: volume %s: claim %q is not among the manifests' PersistentVolumeClaims", key, v.Name, c.ClaimName)
				}
			}
		}
		for _, c := range append(slices.Clone(pod.InitContainers), pod.Containers...) {
			if err := pinned(c.Image); err != nil {
				bad("%s: container %s: %v", key, c.Name, err)
			}
			images[c.Image] = append(images[c.Image], key)
			mounted := false
			for _, vm := range c.VolumeMounts {
				v, ok := volumes[vm.Name]
				if !ok {
					bad("%s: container %s: volumeMount %s has no volume", key, c.Name, vm.Name)
				}
				if ok && v.PersistentVolumeClaim != nil && v.PersistentVolumeClaim.ClaimName == "admmlab-results" {
					mounted = true
				}
			}
			if !mounted && key != "admmlab-data-job.yaml:admmlab-data" {
				bad("%s: container %s does not mount the results volume", key, c.Name)
			}
		}
	}
	if len(images) > 1 {
		bad("the manifests name %d images, want one (set them together): %v", len(images), images)
	}
	return errs
}

// pinned accepts an image reference with a digest, or with a tag other
// than latest.
func pinned(image string) error {
	if strings.Contains(image, "@sha256:") {
		return nil
	}
	name := image[strings.LastIndex(image, "/")+1:]
	i := strings.LastIndex(name, ":")
	switch {
	case i < 0:
		return fmt.Errorf("image %q has no tag or digest (it would mean :latest)", image)
	case name[i+1:] == "latest":
		return fmt.Errorf("image %q: :latest is not a version; pin a tag or a digest", image)
	}
	return nil
}

func envOf(c corev1.Container, name string) (string, bool) {
	for _, e := range c.Env {
		if e.Name == name {
			return e.Value, true
		}
	}
	return "", false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TestManifests decodes and checks the manifests shipped in this directory.
func TestManifests(t *testing.T) {
	paths, err := filepath.Glob("*.yaml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no manifests: %v", err)
	}
	files := map[string][]byte{}
	for _, p := range paths {
		if files[p], err = os.ReadFile(p); err != nil {
			t.Fatal(err)
		}
	}
	m, errs := decode(files)
	errs = append(errs, m.check()...)
	for _, err := range errs {
		t.Error(err)
	}
	for _, want := range []string{"admmlab-indexed-job.yaml:admmlab-stage", "admmlab-merge-job.yaml:admmlab-merge"} {
		if m.jobs[want] == nil {
			t.Errorf("no Job %s", want)
		}
	}
}

// TestManifestChecks: each flaw, planted in the shipped manifests, is caught.
func TestManifestChecks(t *testing.T) {
	stage, err := os.ReadFile("admmlab-indexed-job.yaml")
	if err != nil {
		t.Fatal(err)
	}
	pvc, err := os.ReadFile("pvc.yaml")
	if err != nil {
		t.Fatal(err)
	}
	image := regexp.MustCompile(`image: (\S+)`).FindSubmatch(stage)[1]
	for _, c := range []struct {
		name, file, old, new string
		want                 string // in one of the errors
	}{
		{"unknown field", "stage", "  parallelism: 8", "  parallelism: 8\n  paralelism: 8", `unknown field "spec.paralelism"`},
		{"field at the wrong level", "stage", "      restartPolicy: Never", "      restartPolicy: Never\n      backoffLimit: 2", `unknown field "spec.template.spec.backoffLimit"`},
		{"restartPolicy", "stage", "restartPolicy: Never", "restartPolicy: OnFailure", "restartPolicy \"OnFailure\", want Never"},
		{"no backoffLimitPerIndex", "stage", "  backoffLimitPerIndex: 2", "  backoffLimit: 16", "without backoffLimitPerIndex"},
		{"latest", "stage", string(image), "registry.example.com/admmlab:latest", ":latest is not a version"},
		{"no tag", "stage", string(image), "registry.example.com/admmlab", "no tag or digest"},
		{"shard count", "stage", `{name: SHARDS, value: "8"}`, `{name: SHARDS, value: "4"}`, `SHARDS "4", want the Job's completions`},
		{"mount without volume", "stage", "{name: data, mountPath: /data, readOnly: true}", "{name: scratch, mountPath: /data}", "volumeMount scratch has no volume"},
		{"claim not defined", "stage", "claimName: admmlab-data,", "claimName: admmlab-dataset,", `claim "admmlab-dataset" is not among`},
		{"results not RWX", "pvc", "accessModes: [ReadWriteMany]\n  resources:\n    requests: {storage: 200Gi}", "accessModes: [ReadWriteOnce]\n  resources:\n    requests: {storage: 200Gi}", "want ReadWriteMany"},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := map[string][]byte{"admmlab-indexed-job.yaml": stage, "pvc.yaml": pvc}
			target := map[string]string{"stage": "admmlab-indexed-job.yaml", "pvc": "pvc.yaml"}[c.file]
			if !bytes.Contains(files[target], []byte(c.old)) {
				t.Fatalf("%s does not contain %q: update the test", target, c.old)
			}
			files[target] = bytes.Replace(files[target], []byte(c.old), []byte(c.new), 1)
			m, errs := decode(files)
			errs = append(errs, m.check()...)
			for _, err := range errs {
				if strings.Contains(err.Error(), c.want) {
					return
				}
			}
			t.Errorf("no error with %q; got %v", c.want, errs)
		})
	}
}
