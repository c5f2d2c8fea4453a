# Kabar's reference server in a container: built in one stage, run in a small one as a
# non-root user with the data in a volume. See README, "Running it for real".
#   docker build -t kabar .
#   docker run -d --name kabar -p 127.0.0.1:8787:8787 -v kabar-data:/var/lib/kabar \
#     --env-file deploy/kabar.env -e HOST=0.0.0.0 kabar

# Build: every dependency (better-sqlite3 compiles here), the bundle, then production modules only.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# The server is an npm workspace with its own dependencies (see README, "The npm package").
COPY server/package.json ./server/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Run: the server's files, the built bundle and the compiled modules; no compiler, no dev tools.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    KABAR_DEMO=off \
    HOST=0.0.0.0 \
    PORT=8787 \
    DATABASE=/var/lib/kabar/kabar.db
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/server ./server
COPY --from=build /app/src ./src
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/demo ./demo
# The image's files stay root's; the server (user node) writes only to its volume.
RUN mkdir -p /var/lib/kabar && chown node:node /var/lib/kabar
VOLUME /var/lib/kabar
USER node
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8787) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "server/main.ts"]
