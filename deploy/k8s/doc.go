// Package k8s holds no code: its test decodes every Kubernetes manifest in
// this directory as the Kubernetes API types, rejecting unknown fields, and
// checks the properties the deployment relies on (see manifests_test.go).
//
// It is a module of its own, so that the Kubernetes API packages it tests
// with are no dependency of admmlab's: `go list -deps ./cmd/admmlab` names
// none of them, and admmlab's go.mod stays as it is. `make test` runs it.
package k8s
