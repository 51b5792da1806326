# Shared by the pipeline scripts (docs/pipelines.md). Sourced, not run.
# VOICE: how to run voice (default: npx voice, from the repository's devDependencies).
# TENANT, VALUES, EMULATOR_URL: one tenant of the tenants file (the matrix entry).
set -uo pipefail
VOICE=${VOICE:-npx --no-install voice}

# Azure Pipelines: AzureCLI@2 with addSpnToEnvironment hands the service connection's OIDC
# token and app id to the script as idToken and servicePrincipalId.
if [ -z "${VOICE_FEDERATED_TOKEN:-}" ] && [ -n "${idToken:-}" ]; then export VOICE_FEDERATED_TOKEN=$idToken; fi
if [ -z "${VOICE_CLIENT_ID:-}" ] && [ -n "${servicePrincipalId:-}" ]; then VOICE_CLIENT_ID=$servicePrincipalId; fi

# The connection flags of this tenant: an emulator URL for a rehearsal, else the app
# registration's sign-in: workload identity federation (the default: no secret), or a
# certificate as the fallback (VOICE_SIGN_IN=certificate, VOICE_CERTIFICATE a PEM file).
connect_args() {
    if [ -n "${EMULATOR_URL:-}" ]; then
        printf '%s\n' --tenant emulator --emulator-url "$EMULATOR_URL"
    else
        printf '%s\n' --tenant "$TENANT" --sign-in "${VOICE_SIGN_IN:-workload-identity}" --client-id "$VOICE_CLIENT_ID"
        if [ "${VOICE_SIGN_IN:-}" = certificate ]; then printf '%s\n' --certificate "$VOICE_CERTIFICATE"; fi
    fi
}

values_args() {
    if [ -n "${VALUES:-}" ]; then printf '%s\n' --values "$VALUES"; fi
}
