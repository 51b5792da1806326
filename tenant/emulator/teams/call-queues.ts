/**
 * Call queues, as far as the tool uses them: Get-CsCallQueue by name [CQ-GET]. The emulator's
 * queues come from the seed only (the tool associates existing queues, it makes none); a
 * queue's ApplicationInstances are its associations [ASSOC]. The output shape (Identity, Name,
 * ApplicationInstances) is the emulator's reading: the page documents no example output.
 */
import type { CallQueue } from '../model.js';
import type { Tenant } from '../tenant.js';
import { teamsError, type CmdletHandler } from './cmdlet.js';
import { optionalInt, optionalString, requiredString } from './params.js';

function view(tenant: Tenant, q: CallQueue): Record<string, unknown> {
    const instances = tenant.state.applicationInstanceAssociations
        .filter(a => a.configurationType === 'CallQueue' && a.configurationId.toLowerCase() === q.identity.toLowerCase()).map(a => a.objectId);
    return { Identity: q.identity, Name: q.name, ApplicationInstances: instances };
}

export const callQueueCmdlets: Record<string, CmdletHandler> = {
    // -NameFilter and -Sort are Required in the page's table (its Example 1 calls neither [CONFLICT]): the safe reading, as the stand-in binds it.
    'Get-CsCallQueue': (tenant, params) => {
        const filter = requiredString(params, 'NameFilter').toLowerCase();
        const sort = requiredString(params, 'Sort');
        const identity = optionalString(params, 'Identity');
        const queues = (tenant.state.callQueues ?? []).filter(q => q.name.toLowerCase().includes(filter));
        if (identity !== null) {
            const found = queues.find(q => q.identity.toLowerCase() === identity.toLowerCase());
            // rule: unknown-identity
            if (!found) throw teamsError(`Call queue '${identity}' was not found.`, 'NotFound', 404);
            return view(tenant, found);
        }
        const key = (q: CallQueue) => (sort.toLowerCase() === 'identity' ? q.identity : q.name).toLowerCase();
        const ordered = [...queues].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
        if (params.Descending === true) ordered.reverse();
        // "up to a maximum of 100 at a time … If a number greater than 100 is supplied, the request will fail" [CQ-GET].
        const first = optionalInt(params, 'First') ?? 100;
        // rule: call-queue-first-100 [CQ-GET]
        if (first > 100) throw teamsError('-First takes at most 100 call queues at a time.');
        const skip = optionalInt(params, 'Skip') ?? 0;
        return ordered.slice(skip, skip + first).map(q => view(tenant, q));
    }
};
