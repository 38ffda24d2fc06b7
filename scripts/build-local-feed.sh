#!/usr/bin/env bash
# Packs the Patched.DistributedLock.Postgres stand-in into .local-feed/ (see README,
# "The Marten dependency fix"). Idempotent: does nothing when the package is already there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
feed="$root/.local-feed"
package="$feed/Patched.DistributedLock.Postgres.1.3.3.nupkg"
if [[ -f "$package" ]]; then
  exit 0
fi
mkdir -p "$feed"
dotnet pack "$root/build/Patched.DistributedLock.Postgres/Patched.DistributedLock.Postgres.csproj" \
  --configuration Release --output "$feed" --nologo -v quiet
