#!/usr/bin/env bash
# Applies exactly the saved plan of one tenant (plan/<name>.voiceplan, the reviewed artifact).
# voice refuses it, applying nothing, if the tenant or the files moved since it was made.
source "$(dirname "$0")/lib.sh"
mapfile -t args < <(connect_args)
$VOICE apply "plan/$TENANT_NAME.voiceplan" "${args[@]}" --state-dir "${VOICE_STATE_DIR:-.voice-state}"
