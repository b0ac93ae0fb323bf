# One image for every process of the app: the API and web UI (the default command), the CPU worker, the GPU worker
# and the one-shot migrations. docker-compose.yaml picks the process with `command:`.
#
# GPU hosts: this image is built on node:20-bookworm-slim, which carries no CUDA or cuDNN libraries, and the
# project's .npmrc skips onnxruntime-node's CUDA download (onnxruntime-node-install=skip). The GPU worker therefore
# fails to open a CUDA session here and falls back to CPU, saying so in its log. The production choice for GPU hosts
# is the same steps on a CUDA runtime base image (nvidia/cuda:12.x-cudnn-runtime with Node 20 added), installed
# with onnxruntime-node's CUDA binaries enabled, used for the gpu-worker service only.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false
# Only the manifests first, so a source change does not re-run npm ci. The .npmrc must be here before npm ci:
# install scripts read their options (onnxruntime-node-install=skip) from it.
COPY package.json package-lock.json .npmrc ./
# Runtime dependencies only: tsx, which runs the TypeScript entry points, is one of them. The cache mount needs
# BuildKit (the default builder); no syntax directive, so an air-gapped build host needs no frontend image.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM ${NODE_IMAGE} AS runtime
# UTC everywhere: business time zones (Asia/Seoul) are stated explicitly in code, never taken from the host.
ENV NODE_ENV=production \
    TZ=UTC \
    DATA_DIR=/data \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# The code stays root-owned and read-only to the process; only /data is writable. Creating /data here, owned by
# `node`, makes a fresh named volume mounted on it start with that owner and the inbox/archive/models folders.
RUN mkdir -p /data/inbox /data/archive /data/models && chown -R node:node /data
# The `node` user (uid 1000) ships with the base image.
USER node
# API (8080) and Prometheus metrics of the workers (9464).
EXPOSE 8080 9464
CMD ["npx", "tsx", "client/api/main.ts"]
