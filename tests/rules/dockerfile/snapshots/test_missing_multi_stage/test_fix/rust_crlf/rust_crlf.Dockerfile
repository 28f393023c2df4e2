FROM rust:1.80-bookworm AS build
WORKDIR /usr/src/app
COPY . .
RUN cargo build --release

FROM debian:bookworm-slim
WORKDIR /usr/src/app
COPY --from=build /usr/src/app/target/release/web /usr/src/app/target/release/web
EXPOSE 3000
CMD ["./target/release/web"]
