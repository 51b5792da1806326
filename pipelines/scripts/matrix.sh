#!/usr/bin/env bash
# Prints the tenants of VOICE_TENANTS (a tenants file) as a matrix, values paths relative to
# the repository as the jobs run there. GitHub: matrix=[{...}, ...] for $GITHUB_OUTPUT.
# With "azure": an output variable `tenants` of the form { "<name>": { "TENANT_NAME": ... } };
# with "lines": one line per tenant, name, tenant and emulator URL separated by tabs.
set -euo pipefail
node -e '
const fs = require("fs"), path = require("path");
const file = process.env.VOICE_TENANTS;
const base = path.dirname(file);
const tenants = JSON.parse(fs.readFileSync(file, "utf8")).tenants.map(t => ({
    ...t, ...(t.values ? { values: path.join(base, t.values) } : {})
}));
if (process.argv[1] === "lines") {
    for (const t of tenants) console.log([t.name, t.tenant, t.emulatorUrl ?? ""].join("\t"));
} else if (process.argv[1] === "azure") {
    const legs = Object.fromEntries(tenants.map(t => [t.name, { TENANT_NAME: t.name, TENANT: t.tenant, VALUES: t.values ?? "", EMULATOR_URL: t.emulatorUrl ?? "" }]));
    console.log("##vso[task.setvariable variable=tenants;isOutput=true]" + JSON.stringify(legs));
} else {
    console.log("matrix=" + JSON.stringify(tenants));
}
' "${1:-github}"
