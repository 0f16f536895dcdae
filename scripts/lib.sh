# Shared by up.sh and test.sh: the project's own Node 24 and dependencies, installed when missing.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ensure_dependencies() {
  if [[ ! -x node_modules/.bin/node || package-lock.json -nt node_modules/.package-lock.json ]]; then
    echo "installing dependencies from package-lock.json…"
    # Not `npm ci`: the registry here lacks other platforms' optional binaries (@swc/core-darwin-*, …),
    # which the lock file therefore cannot list, and `npm ci` refuses such a lock. `npm install`
    # installs the locked versions and leaves the lock unchanged.
    npm install --no-audit --no-fund
  fi
  # Every node this project runs is the pinned Node 24 from devDependencies, not the machine's.
  export PATH="$ROOT/node_modules/.bin:$PATH"
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if ((major < 22)); then
    echo "node_modules/.bin/node is Node $major; expected the pinned Node 24 (npm ci should install it)" >&2
    exit 1
  fi
}

# The browser tests drive Debian's Chromium (playwright-core, no browser download) with CJK fonts for the pages.
ensure_chromium() {
  if [[ -x /usr/bin/chromium ]] && dpkg -s fonts-noto-cjk >/dev/null 2>&1; then return; fi
  echo "installing chromium and fonts-noto-cjk from Debian…"
  local sudo=""
  ((EUID == 0)) || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium fonts-noto-cjk
}
