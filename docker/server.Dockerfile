# syntax=docker/dockerfile:1
#
# Vigil server image: the NestJS server plus the built dashboard it serves at `/`.
# Build from the repository root (compose does this: context `..`):
#
#   docker build -f docker/server.Dockerfile -t vigil-server .
#
# BuildKit reads docker/server.Dockerfile.dockerignore for this Dockerfile.
# Nobody can run `docker build` on the project's machines (no Docker engine):
# this file is kept correct by reading. See docs/deployment.md.

# The same base everywhere, so the native addon built in `prod-deps` matches the
# runtime's Node ABI and glibc. The root .npmrc sets engine-strict and package.json
# asks for Node >= 20.19, so an old cached node:20 image fails `npm ci` loudly.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------
# toolchain: compilers for node-gyp (better-sqlite3 falls back to building
# from source when no prebuilt binary is available). Never shipped.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# NODE_ENV stays unset here: `npm ci` would otherwise skip the devDependencies
# the build needs. Nx runs without its daemon, Nx Cloud or the terminal UI;
# @scarf/scarf (a transitive dependency) phones home from its install script
# unless told not to (npm 10, bundled with Node 20, runs every install script).
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NX_TUI=false \
    SCARF_ANALYTICS=false

# ---------------------------------------------------------------------------
# deps: every dependency, dev included, for the build. Only the manifests are
# copied so this layer is reused until package.json or the lockfile changes.
FROM toolchain AS deps
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci

# ---------------------------------------------------------------------------
# build: `npm run build` (nx) writes dist/server and dist/dashboard.
FROM deps AS build
COPY . .
RUN npm run build

# ---------------------------------------------------------------------------
# prod-deps: production dependencies only, installed (and better-sqlite3
# compiled) where the compilers are, then copied into the runtime image.
FROM toolchain AS prod-deps
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev

# ---------------------------------------------------------------------------
# runtime: no compilers, no sources, no dev dependencies, not root.
FROM ${NODE_IMAGE} AS runtime

# tini as PID 1 forwards SIGTERM to Node (which shuts down gracefully) and reaps
# zombies, whatever runs the image (`docker run` without --init, Kubernetes).
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    VIGIL_DASHBOARD_DIR=/app/dist/dashboard

WORKDIR /app

# The SQLite default (DATABASE_URL unset) writes ./data/vigil.sqlite. The
# directory must belong to `node` before VOLUME, so a fresh volume inherits it.
RUN mkdir -p /app/data && chown node:node /app/data

# Code stays owned by root: the server process can read it, not change it.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist ./dist
COPY docker/healthcheck.cjs ./healthcheck.cjs

USER node
VOLUME ["/app/data"]
EXPOSE 3000

# Node itself asks GET /api/v1/health (slim images have no curl or wget);
# 503 (database or Redis down) marks the container unhealthy. The start period
# covers migrations on a first start.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "/app/healthcheck.cjs"]

ENTRYPOINT ["/usr/bin/tini", "--"]
# A young generation of 64 MB (V8's default is 16): a reading's objects live through its 20 ms
# group commit, and fewer of them are copied and promoted (docs/deployment.md, "Memory"). The
# same flag as `npm start` and the benchmark's server (apps/server/project.json, tools/bench).
CMD ["node", "--max-semi-space-size=64", "dist/server/apps/server/src/main.js"]
