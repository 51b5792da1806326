#!/usr/bin/env bash
# Makes real PowerShell 7 available for the tests: uses pwsh on PATH, else installs the
# official PowerShell global tool from NuGet into .tools/pwsh (git-ignored). Prints its path.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="7.6.9"
if [ -n "${VOICE_PWSH:-}" ] && [ -x "${VOICE_PWSH}" ]; then echo "$VOICE_PWSH"; exit 0; fi
if command -v pwsh >/dev/null 2>&1; then command -v pwsh; exit 0; fi
if [ -x "$root/.tools/pwsh/pwsh" ]; then echo "$root/.tools/pwsh/pwsh"; exit 0; fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "PowerShell 7 is needed: install pwsh, or the .NET SDK so 'dotnet tool install PowerShell' can provide it." >&2
  exit 1
fi
dotnet tool install --tool-path "$root/.tools/pwsh" PowerShell --version "$version" >&2
echo "$root/.tools/pwsh/pwsh"
