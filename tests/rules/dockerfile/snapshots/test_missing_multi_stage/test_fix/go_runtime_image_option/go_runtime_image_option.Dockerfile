FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/app .

FROM debian:bookworm-slim
COPY --from=build /usr/local/bin/app /usr/local/bin/app
CMD ["app"]
