#!/usr/bin/env bash
# Installs what running ChainGraph needs on a fresh Debian 12 machine, only when missing:
# OpenBLAS (cblas) and LAPACKE for the dense linear algebra, and pkg-config to find them.
# What only the test suite needs (Python readers, Chromium) is in scripts/setup-tests.sh.
set -euo pipefail
need=()
[ -f /usr/include/x86_64-linux-gnu/cblas.h ] || [ -f /usr/include/cblas.h ] || need+=(libopenblas-dev)
[ -f /usr/include/lapacke.h ] || [ -f /usr/include/x86_64-linux-gnu/lapacke.h ] || need+=(liblapacke-dev)
command -v pkg-config >/dev/null || need+=(pkg-config)
if command -v pkg-config >/dev/null && ! pkg-config --exists openblas 2>/dev/null; then need+=(libopenblas-dev); fi
if [ ${#need[@]} -gt 0 ]; then
    # One name once, in a stable order.
    mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
    echo "setup: installing ${need[*]} (apt-get)" >&2
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
