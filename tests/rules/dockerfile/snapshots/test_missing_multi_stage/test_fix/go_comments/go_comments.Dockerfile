# syntax=docker/dockerfile:1
FROM golang:1.22-bookworm AS build
WORKDIR /src
ENV CGO_ENABLED=0 APP_ENV=production
COPY . .
# build the server
RUN go build -trimpath -o /out/server ./cmd/server

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/server /out/server
ENV CGO_ENABLED=0 APP_ENV=production
# metadata
LABEL org.opencontainers.image.source="https://example.org/app"
EXPOSE 8080
USER 65532:65532
# run it
ENTRYPOINT ["/out/server"]
CMD ["--port", "8080"]
