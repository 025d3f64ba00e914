# briefbot on Node LTS (Debian slim), running as the unprivileged `node` user.
#   docker build -t briefbot .
#   docker compose up        (the bot with PostgreSQL: see compose.yaml)
# tests/core/deployment.test.ts runs these build steps as a script and starts the result.
ARG NODE_VERSION=22

# Production dependencies only. better-sqlite3 fetches a prebuilt binary for this Node when one
# exists and compiles itself otherwise, hence the build tools, which stay in this stage.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
  && npm cache clean --force

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY bin ./bin
COPY src ./src
COPY adapters ./adapters
COPY knowledge ./knowledge
# The SQLite file (when DATABASE_URL is unset) lives in data/, the one folder the bot writes.
RUN mkdir -p data \
  && chown node:node data
USER node
VOLUME ["/app/data"]
# Slack's HTTP mode, /healthz, /readyz and /metrics (when Slack or Discord runs).
EXPOSE 3000
CMD ["node", "--v8-pool-size=1", "--max-semi-space-size=32", "--import", "tsx", "adapters/main.ts"]
