# The qprune service image: one image, every role (coordinator, scorer, solver, evaluator); the role
# and its options are the container's command, e.g.
#   docker run qprune/service serve solver --nats nats://n1:4222,nats://n2:4222 --storage replicas=3
# Build from an installed checkout (the image copies node_modules and dist/ as they are, so the build
# needs no registry beyond the base):
#   npm ci && npm run build && docker build -t qprune/service .
# BASE: node:20-slim where a registry is reachable; CI and machines without one use the base that
# scripts/container-runtime.sh imports from this machine's node (qprune/node-base:local).
# GPU roles (scorer, evaluator) need the NVIDIA container runtime and, for onnxruntime's CUDA provider,
# the CUDA binaries installed into node_modules first (deploy/README.md).
ARG BASE=node:20-slim
FROM ${BASE}
WORKDIR /app
ENV NODE_ENV=production QPRUNE_LOG=info ORT_DISABLE_TELEMETRY=1
# What the built package needs at run time (package.json "files"), and its dependencies.
COPY package.json package-lock.json ./
COPY node_modules ./node_modules
COPY bin ./bin
COPY dist ./dist
COPY proto ./proto
COPY models/demo-dncnn-s25 ./models/demo-dncnn-s25
# Where a coordinator writes submitted runs (--out-root /runs; a volume in deploy/compose.yaml), owned
# by the unprivileged user the services run as (exec form: the base needs no shell or coreutils).
RUN ["node", "-e", "require('fs').mkdirSync('/runs', { recursive: true }); require('fs').chownSync('/runs', 65534, 65534)"]
# A service never needs root.
USER 65534
ENTRYPOINT ["node", "/app/bin/qprune.js"]
CMD ["--help"]
