#!/usr/bin/env bash
# Plans one tenant: plan/<name>.voiceplan (the saved plan that apply applies) and
# plan/<name>.md (the job summary and pull request comment). Exit 1 on errors.
source "$(dirname "$0")/lib.sh"
mkdir -p plan
mapfile -t args < <(connect_args; values_args)
$VOICE plan "$VOICE_TEMPLATE" "${args[@]}" --format markdown --out "plan/$TENANT_NAME.voiceplan" > "plan/$TENANT_NAME.md"
status=$?
cat "plan/$TENANT_NAME.md"
exit $status
