# A small image for CI and dev stacks: docker run -p 8083:8083 stepstone
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --bin stepstone

FROM debian:bookworm-slim
COPY --from=build /src/target/release/stepstone /usr/local/bin/stepstone
ENV STEPSTONE_HOST=0.0.0.0 STEPSTONE_PORT=8083
EXPOSE 8083
ENTRYPOINT ["/usr/local/bin/stepstone"]
