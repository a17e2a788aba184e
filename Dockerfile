# blocwatch in a container: `docker compose up -d` (compose.yaml), or
#   docker build -t blocwatch . && docker run --env-file .env -v blocwatch-data:/data -p 127.0.0.1:3000:3000 blocwatch
# The build stage compiles the TypeScript and better-sqlite3's native module; the runtime stage holds
# only dist/, bin/ and the production dependencies, and runs as the unprivileged `node` user.

FROM node:26-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY commands ./commands
COPY migrations ./migrations
# The build runs the console once through bin/ to leave V8's code cache in dist/.
COPY bin ./bin
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:26-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/blocwatch.db \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# node rather than curl, which the slim image does not have. 200 means the database answers.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# `blocwatch start` stops cleanly on SIGTERM (what `docker stop` sends): platforms, digests, then the database.
STOPSIGNAL SIGTERM
CMD ["node", "bin/blocwatch.js", "start"]
