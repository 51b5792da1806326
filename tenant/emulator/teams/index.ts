/** The Teams admin surface: `POST /teams/{Cmdlet}` with the bound parameters as JSON, answered `{"value": ...}`. */
import { bodyObject, json, type Route } from '../api.js';
import { notFound } from '../errors.js';
import { accountCmdlets } from './accounts.js';
import { assignmentCmdlets } from './assignments.js';
import { autoAttendantCmdlets } from './auto-attendants.js';
import { callQueueCmdlets } from './call-queues.js';
import type { CmdletHandler } from './cmdlet.js';
import { emergencyCmdlets } from './emergency.js';
import { emergencyCallingCmdlets } from './emergency-calling.js';
import { locationCmdlets } from './locations.js';
import { networkCmdlets } from './network.js';
import { numberCmdlets } from './numbers.js';
import { routingCmdlets } from './routing.js';
import { sharedCallingCmdlets } from './shared-calling.js';

export const cmdlets: Record<string, CmdletHandler> = {
    ...accountCmdlets, ...numberCmdlets, ...locationCmdlets, ...networkCmdlets, ...routingCmdlets, ...emergencyCmdlets, ...emergencyCallingCmdlets, ...sharedCallingCmdlets, ...assignmentCmdlets,
    ...autoAttendantCmdlets, ...callQueueCmdlets
};

/** Cmdlets that build an object in memory only, which another call then stores [EN-NEW, AA-ENTITY, AA-MENUOPT, AA-MENU, AA-CALLFLOW, AA-DIALSCOPE, AA-TIMERANGE, AA-DATERANGE, AA-CHA]. */
export const IN_MEMORY_CMDLETS: ReadonlySet<string> = new Set([
    'New-CsTeamsEmergencyNumber', 'New-CsAutoAttendantCallableEntity', 'New-CsAutoAttendantMenuOption', 'New-CsAutoAttendantMenu',
    'New-CsAutoAttendantCallFlow', 'New-CsAutoAttendantDialScope', 'New-CsOnlineTimeRange', 'New-CsOnlineDateTimeRange',
    'New-CsAutoAttendantCallHandlingAssociation'
]);

/** Reads change nothing; every other verb may, so the state file is written after it. */
export function isReadCmdlet(name: string): boolean {
    return name.startsWith('Get-') || IN_MEMORY_CMDLETS.has(name);
}

export const teamsRoutes: Route[] = [
    {
        method: 'POST', pattern: '/teams/{cmdlet}', handler: (req, { tenant, params }) => {
            const name = Object.keys(cmdlets).find(c => c.toLowerCase() === params.cmdlet!.toLowerCase());
            // rule: cmdlet-modelled [UNCONFIRMED]
            if (!name) throw notFound(`The emulator does not implement ${params.cmdlet}.`, 'NotImplemented');
            const value = cmdlets[name]!(tenant, bodyObject(req));
            return json(200, { value: value ?? null });
        }
    }
];
