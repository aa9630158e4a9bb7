#!/usr/bin/env bash
# Installs what the test suite needs on top of scripts/setup.sh, only when missing:
# - the Python packages the checks use to read ChainGraph's output back and to execute the
#   report notebook (networkx scipy nbformat nbclient ipykernel pandas matplotlib, via pip);
# - PySpark 4 and Java 17 for the Spark package's equivalence check (pyspark via pip,
#   openjdk-17-jre-headless from Debian when no java is on the PATH);
# - headless Chromium and CJK fonts for the browser checks (Debian's chromium, fonts-noto-cjk),
#   chromium-driver and selenium (pip) to drive the chain map page of `chaingraph serve`,
#   and poppler-utils to read the printed PDF back (pdfinfo, pdftotext).
# Never needed to run chaingraph itself.
set -euo pipefail
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"

need=()
command -v chromium >/dev/null || need+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed" || need+=(fonts-noto-cjk)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v java >/dev/null || need+=(openjdk-17-jre-headless)
command -v chromedriver >/dev/null || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
    echo "setup-tests: installing ${need[*]} (apt-get)" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! python3 -c "import networkx, scipy, nbformat, nbclient, ipykernel, pandas, matplotlib, selenium" 2>/dev/null; then
    echo "setup-tests: installing networkx scipy nbformat nbclient ipykernel pandas matplotlib selenium (pip)" >&2
    python3 -m pip install -q networkx scipy nbformat nbclient ipykernel pandas matplotlib selenium >&2
fi

if ! python3 -c "import pyspark, numpy; assert int(pyspark.__version__.split('.')[0]) >= 4" 2>/dev/null; then
    echo "setup-tests: installing pyspark 4 and numpy (pip)" >&2
    python3 -m pip install -q "pyspark>=4,<5" numpy >&2
fi
