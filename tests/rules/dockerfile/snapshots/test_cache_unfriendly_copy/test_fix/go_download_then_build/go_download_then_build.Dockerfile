FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod go.sum* ./
RUN go mod download
COPY . .
RUN go mod download && CGO_ENABLED=0 go build -o /out/app ./cmd/app
