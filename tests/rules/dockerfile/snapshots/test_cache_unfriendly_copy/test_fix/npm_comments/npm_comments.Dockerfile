# syntax=docker/dockerfile:1
FROM node:20-slim
WORKDIR /app

COPY --chown=node:node package*.json ./
# Install exactly what the lock file says
RUN npm ci --omit=dev \
    # keep the image small
    && npm cache clean --force
# Bring in the application
# (everything not ignored)
COPY --chown=node:node . .
# start it
CMD ["node", "server.js"]
