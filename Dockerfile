# Production image for the api and worker (docker-compose.yml). Build stage compiles server and dashboards.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm install, not npm ci: the lock file omits other platforms' optional binaries, which npm ci refuses
RUN npm install --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build && npm rebuild argon2

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --ignore-scripts --no-audit --no-fund && npm rebuild argon2 && npm cache clean --force
COPY --from=build /app/dist ./dist
# a named volume mounted here takes this ownership on first use, so the node user can write the spool
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
