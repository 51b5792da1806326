#!/usr/bin/env bash
# Scheduled drift check of one tenant: plan with --detailed-exitcode. Changes (exit 2) open
# an issue with the markdown plan (gh, GitHub) or, with DRIFT_FAILS=1, fail the job; errors fail it.
source "$(dirname "$0")/lib.sh"
mapfile -t args < <(connect_args; values_args)
$VOICE plan "$VOICE_TEMPLATE" "${args[@]}" --format markdown --detailed-exitcode > drift.md
status=$?
cat drift.md
if [ "$status" -eq 2 ]; then
    echo "Drift: tenant $TENANT_NAME no longer matches the files."
    if [ "${DRIFT_FAILS:-0}" = 1 ]; then exit 2; fi
    gh issue create --title "Shared Calling drift in tenant $TENANT_NAME" --body-file drift.md || exit 1
    exit 0
fi
exit $status
