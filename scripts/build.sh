#!/usr/bin/env bash
# Restores and builds the whole solution once, in Release. Used by run.sh and test.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet restore "$root/Integration.sln" --nologo -v quiet
dotnet build "$root/Integration.sln" --configuration Release --no-restore --nologo -v quiet -clp:ErrorsOnly
