FROM golang:1.22 AS builder
WORKDIR /app
COPY . .
RUN export CGO_ENABLED=0 && go build -o server .
# trailing note

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app
COPY --from=builder /app/server /app/server
CMD ["./server"]
