/**
 * The Teams identity each named declaration stands for, as its kind module derives it (a
 * policy's or site's `-Identity`, an address's Description): what the plan, the compiled
 * script and apply find the object by. Two declarations of one kind with one identity would
 * be one tenant object (`duplicate-identity`).
 */
import type { AstNode } from 'langium';
import { isAddress, isEmergencyCallingPolicy, isNetworkRegion, isNetworkSite, isSharedCallingPolicy } from '../generated/ast.js';
import { civicAddressIdentity } from './civic-address.js';
import { emergencyCallingPolicyIdentity } from './emergency-calling-policy.js';
import { networkRegionIdentity } from './network-region.js';
import { networkSiteIdentity } from './network-site.js';
import { sharedCallingPolicyIdentity } from './shared-calling-policy.js';

export interface TeamsIdentity {
    /** What Teams calls the object, for messages. */
    label: string;
    /** How the identity is named in messages ("identity", "Description"). */
    property: string;
    identity: string;
}

/** The declaration's Teams identity, for the kinds whose identity a file may set with `identity`. */
export function teamsIdentityOf(node: AstNode): TeamsIdentity | undefined {
    if (isAddress(node)) return { label: 'civic address', property: 'Description', identity: civicAddressIdentity(node) };
    if (isSharedCallingPolicy(node)) return { label: 'shared calling policy', property: 'identity', identity: sharedCallingPolicyIdentity(node) };
    if (isEmergencyCallingPolicy(node)) return { label: 'emergency calling policy', property: 'identity', identity: emergencyCallingPolicyIdentity(node) };
    if (isNetworkRegion(node)) return { label: 'network region', property: 'identity', identity: networkRegionIdentity(node) };
    if (isNetworkSite(node)) return { label: 'network site', property: 'identity', identity: networkSiteIdentity(node) };
    return undefined;
}
