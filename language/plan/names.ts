/**
 * Teams names and values derived from declarations. Names are stable, so a re-run finds what
 * an earlier run made; a trunk's `outbound-route`, `emergency-route`, `routing-policy` and an
 * `emergency` statement's `identity` adopt objects made outside the tool under their own names.
 */
import type { Group, PhoneNumber, Trunk } from '../generated/ast.js';
import { canonicalNumber } from '../phone-numbers.js';
import type { TeamsNumberType } from './resources.js';

export const names = {
    outboundRoute: (trunk: Trunk) => trunk.outboundRoute ?? `${trunk.name}-Outbound`,
    emergencyRoute: (trunk: Trunk) => trunk.emergencyRoute ?? `${trunk.name}-Emergency`,
    accountRoutingPolicy: (trunk: Trunk) => trunk.routingPolicy ?? `SharedCalling-${trunk.name}`,
    /** A covered group's policy; `identity` is the `emergency` statement's, when it adopts one. */
    emergencyRoutingPolicy: (group: Group, identity?: string) => identity ?? `SharedCalling-Emergency-${group.name}`
};

export const NUMBER_TYPES: Record<string, TeamsNumberType> = {
    'direct-routing': 'DirectRouting',
    'calling-plan': 'CallingPlan',
    'operator-connect': 'OperatorConnect'
};

export function telephoneNumber(number: PhoneNumber): string {
    return canonicalNumber(number.value) ?? number.value;
}

/** Emergency dial strings used when an `emergency` statement names none, by the address's country. */
const DEFAULT_DIAL_STRINGS: Record<string, string[]> = { US: ['911', '933'], CA: ['911'], GB: ['999', '112'] };

export function defaultDialStrings(country: string | undefined): string[] {
    return (country && DEFAULT_DIAL_STRINGS[country]) || ['112'];
}
