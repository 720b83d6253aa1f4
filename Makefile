# Development commands for advisor. `make help` lists them.
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)

.PHONY: help run console test lint vulncheck bench fuzz build docker kb-lint

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

run: ## connect to Slack (needs SLACK_APP_TOKEN, SLACK_BOT_TOKEN; REDIS_URL recommended)
	$(GO) run . run

console: ## talk to the advisor in this terminal (no Slack, embedded Redis)
	$(GO) run . console

test: ## the whole test suite with the race detector (needs Redis at REDIS_URL or 127.0.0.1:6379, else embedded)
	$(GO) test -race -count=1 ./...

lint: ## go vet, gofmt and the knowledge base lint
	$(GO) vet ./...
	@test -z "$$(gofmt -l .)" || (gofmt -l .; echo "gofmt needed"; exit 1)
	$(GO) run . kb lint

vulncheck: ## govulncheck against the Go vulnerability database from the module proxy (run with GOTOOLCHAIN=go1.27.3)
	GOTOOLCHAIN=go1.27.3 ./.ci/vulncheck

bench: ## Go benchmarks of the hot paths, then the Socket Mode load benchmark
	$(GO) test -run '^$$' -bench . -benchmem ./...
	$(GO) run ./internal/loadtest

fuzz: ## short fuzz runs of every parser
	./.ci/fuzz 10s

build: ## a static binary in ./bin
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/advisor .

kb-lint: ## validate knowledge files in DIR (make kb-lint DIR=./my-knowledge)
	$(GO) run . kb lint $(DIR)

docker: ## build the container image
	docker build --build-arg VERSION=$(VERSION) -t advisor:$(VERSION) .
