#!/usr/bin/env bash
# Checks the template alone and with every tenant's values; writes voice.sarif for code
# scanning. Exit 1 on errors (after the SARIF is written).
source "$(dirname "$0")/lib.sh"
mapfile -t values < <(node -e 'const f=process.env.VOICE_TENANTS,p=require("path");for(const t of JSON.parse(require("fs").readFileSync(f,"utf8")).tenants) if(t.values) console.log("--values\n"+p.join(p.dirname(f),t.values))')
$VOICE check "$VOICE_TEMPLATE" "${values[@]}" --format sarif > voice.sarif
status=$?
$VOICE check "$VOICE_TEMPLATE" "${values[@]}" || true
exit $status
