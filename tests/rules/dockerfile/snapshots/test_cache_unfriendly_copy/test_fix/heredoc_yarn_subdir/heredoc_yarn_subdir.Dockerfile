FROM node:20
WORKDIR /app
COPY web/package.json web/yarn.lock* ./web/
RUN <<EOF
set -eux
cd web
yarn install --frozen-lockfile
EOF
COPY . .
