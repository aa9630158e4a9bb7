#!/usr/bin/env bash
# Installs what ChainGraph needs on a fresh Debian 12 machine, only when missing:
# OpenBLAS (cblas) and LAPACKE for the dense linear algebra.
set -euo pipefail
need=()
[ -f /usr/include/x86_64-linux-gnu/cblas.h ] || [ -f /usr/include/cblas.h ] || need+=(libopenblas-dev)
[ -f /usr/include/lapacke.h ] || [ -f /usr/include/x86_64-linux-gnu/lapacke.h ] || need+=(liblapacke-dev)
pkg-config --exists openblas 2>/dev/null || need+=(libopenblas-dev pkg-config)
if [ ${#need[@]} -gt 0 ]; then
    echo "setup: installing ${need[*]}" >&2
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Python tools the test suite uses to read ChainGraph's output back and to execute the
# report notebook (never needed to run chaingraph itself).
if ! python3 -c "import networkx, scipy, nbformat, nbclient, ipykernel, pandas, matplotlib" 2>/dev/null; then
    echo "setup: installing networkx scipy nbformat nbclient ipykernel pandas matplotlib (pip)" >&2
    python3 -m pip install -q networkx scipy nbformat nbclient ipykernel pandas matplotlib >&2
fi
