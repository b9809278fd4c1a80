# syntax=docker/dockerfile:1
# admmlab's image for the Kubernetes path (deploy/k8s, deploy/README.md).
#
#   docker build -t registry.example.com/admmlab:$(git rev-parse --short HEAD) .
#
# Two stages: the Go toolchain with cgo (go-sqlite3 is C) builds the binary;
# a slim Debian of the same release runs it (glibc, the CA certificates for
# data downloads, nothing else). The Go version is go.mod's, so that runs in
# the image share their cache keys (the toolchain is part of every key) with
# runs of a local build of the same commit. The base images are pinned by
# version tag; for a build that never moves, pin their digests as well
# (GO_IMAGE=golang:1.26.8-bookworm@sha256:…).
ARG GO_IMAGE=golang:1.26.8-bookworm
ARG RUN_IMAGE=debian:12.12-slim

FROM ${GO_IMAGE} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The default build: every result comes from the solvers' own kernels and
# gonum's pure-Go BLAS. CGO_ENABLED for go-sqlite3.
RUN CGO_ENABLED=1 go build -trimpath -o /out/admmlab ./cmd/admmlab \
	&& /out/admmlab help >/dev/null

FROM ${RUN_IMAGE}
RUN apt-get update \
	&& apt-get install -y --no-install-recommends ca-certificates \
	&& rm -rf /var/lib/apt/lists/* \
	&& groupadd --gid 10001 admmlab \
	&& useradd --uid 10001 --gid 10001 --home-dir /home/admmlab --create-home admmlab
COPY --from=build /out/admmlab /usr/local/bin/admmlab
USER 10001:10001
WORKDIR /home/admmlab
ENTRYPOINT ["admmlab"]
CMD ["help"]
