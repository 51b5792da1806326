/** Loads a setup from disk the way `voice graph` does and builds its graph (test/graph/). */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sourceNamer } from '../../language/compile-setup.js';
import type { SetupGraph } from '../../language/graph/setup-graph.js';
import { buildSetupGraph } from '../../language/graph/setup-graph.js';
import { oneSetup } from '../../cli/setup-loader.js';
import { collectVoiceFiles, loadWorkspace } from '../../cli/workspace.js';

export async function graphOf(inputs: string[]): Promise<SetupGraph> {
    const workspace = await loadWorkspace(collectVoiceFiles(inputs).files);
    const setup = oneSetup(workspace, inputs);
    if ('exitCode' in setup) throw new Error(setup.lines.join('\n'));
    return buildSetupGraph(setup.documents, { sourceName: sourceNamer(setup.folder) });
}

/** Writes the files into a new folder (one setup) and returns the folder. */
export function setupFolder(files: Record<string, string>): string {
    const folder = mkdtempSync(path.join(tmpdir(), 'voice-graph-'));
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
        writeFileSync(path.join(folder, name), text);
    }
    return folder;
}

/** Display names that would break a careless serialiser: quotes, brackets, entities, escapes, unicode. */
export const AWKWARD_NAME = 'Quote " [x] {y} (z) <b>#1;</b> | `tick` & \\N end; Zürich 東京 🚒';

/** A small setup whose group, account and policy carry AWKWARD_NAME (written with .voice escapes). */
export const AWKWARD_SETUP = `tenant "contoso.onmicrosoft.com" domains "contoso.com"
address Shop { company "C" street "1 Main St" city "Seattle" region "WA" postal-code "98101" country US geo 47.6, -122.3 }
trunk Carrier { sbc "sbc1.contoso.com" usage "Carrier-US" pidf-lo on }
number Main "+1 206 555 0100" direct-routing via Carrier at Shop
resource-account Account { upn "sc-a@contoso.com" display-name "${voiceString(AWKWARD_NAME)}" usage-location US }
assign Main to Account
shared-calling-policy end { resource-account Account description "${voiceString(AWKWARD_NAME)}" }
group o "${voiceString(AWKWARD_NAME)}"
grant end to o rank 1
emergency o works-at Shop via Carrier
`;

function voiceString(text: string): string {
    return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
