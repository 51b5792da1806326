/**
 * Every cmdlet the kind table reads with or calls (KIND_COMMANDS) is in the documented
 * contract. The invocation checks skip a cmdlet the contract does not know, so without this a
 * new kind's cmdlet would go unchecked; the stand-in module is held to the contract both ways
 * (stand-in-matches-contract.test.ts), so this also holds its exports to the table.
 */
import { expect, test } from 'vitest';
import { KIND_COMMANDS } from '../../language/kinds/index.js';
import { TEAMS_CMDLETS } from '../../scripts/generate-cmdlet-contract.mjs';
import { findCmdlet, loadCmdletContract } from './contract.js';

test('every cmdlet of the kind table is in TEAMS_CMDLETS and documented in contract/teams-cmdlets.json', () => {
    const contract = loadCmdletContract();
    const listed = new Set(TEAMS_CMDLETS.map(c => c.toLowerCase()));
    expect(KIND_COMMANDS.filter(c => !listed.has(c.toLowerCase())), 'add them to TEAMS_CMDLETS in scripts/generate-cmdlet-contract.mjs').toEqual([]);
    expect(KIND_COMMANDS.filter(c => !findCmdlet(contract, c)),
        'regenerate contract/teams-cmdlets.json (node scripts/generate-cmdlet-contract.mjs <office-docs-powershell copy>)').toEqual([]);
});
