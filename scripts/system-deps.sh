#!/usr/bin/env bash
# Debian packages PeerCert needs outside Python: Pango for WeasyPrint (certificates), and for the
# test suite Chromium's headless shell (browser tests), poppler (reading rendered certificates
# back; pdfsig checks their signatures as desktop readers do) and NSS's certutil (the trust store
# pdfsig reads); for the page benchmark (bench/pages.py) wrk, an HTTP load generator in C.
# Installs what is missing when it can (root with apt-get); otherwise says what to install.
# Usage: scripts/system-deps.sh runtime|test|bench
set -euo pipefail
profile=${1:-runtime}
need=()
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || need+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ "$profile" = test ]; then
  [ -x /usr/bin/chromium-headless-shell ] || need+=(chromium-headless-shell)
  command -v pdftoppm >/dev/null 2>&1 && command -v pdfsig >/dev/null 2>&1 || need+=(poppler-utils)
  command -v certutil >/dev/null 2>&1 || need+=(libnss3-tools)
fi
if [ "$profile" = bench ]; then
  command -v wrk >/dev/null 2>&1 || need+=(wrk)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  exit 0
fi
echo "Missing system packages: ${need[*]} (install them with your package manager)." >&2
if [ "${CI:-}" = true ]; then
  echo "CI needs them: failing." >&2
  exit 1
fi
exit 0
