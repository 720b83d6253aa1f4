# syntax=docker/dockerfile:1
# Build a static binary, then ship it alone on a distroless base as a non-root user.
FROM golang:1.27 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/advisor .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/advisor /advisor
USER nonroot:nonroot
# Health, readiness and metrics; the root filesystem can be read-only (nothing is written).
ENV HTTP_ADDR=:8080 LOG_FORMAT=json
EXPOSE 8080
ENTRYPOINT ["/advisor"]
CMD ["run"]
