FROM rust:1.80 AS build
WORKDIR /usr/src/app
COPY . .
RUN cargo install --path .

FROM debian:trixie-slim
COPY --from=build /usr/local/cargo/bin/web /usr/local/bin/web
CMD ["web"]
