/**
 * The checked-in contracts (contract/*.json, generated from Microsoft's docs by
 * scripts/generate-cmdlet-contract.mjs) as typed values, and look-ups the checks share.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');

export interface ContractParameter {
    name: string;
    /** The documented type, normalised ("String", "Int32", "SwitchParameter", "PSListModifier[String]"). */
    type: string | null;
    mandatory: boolean;
    position: number | 'named' | 'positional';
}

export interface ContractSet {
    name: string;
    isDefault: boolean;
    parameters: ContractParameter[];
}

export interface ContractCmdlet {
    module: string;
    doc: string;
    supportsShouldProcess: boolean;
    parameterSets: ContractSet[];
    parameters: Record<string, { type: string | null; aliases: string[]; parameterSets: string[]; acceptedValues?: string[] }>;
}

export interface CmdletContract {
    source: { repository: string; commit: string };
    commonParameters: string[];
    shouldProcessParameters: string[];
    cmdlets: Record<string, ContractCmdlet>;
    undocumentedHere: Record<string, string>;
}

export function loadCmdletContract(): CmdletContract {
    return JSON.parse(readFileSync(path.join(REPO, 'contract', 'teams-cmdlets.json'), 'utf8')) as CmdletContract;
}

/** The documented cmdlet of that name, case-insensitively (PowerShell resolves names so). */
export function findCmdlet(contract: CmdletContract, name: string): [string, ContractCmdlet] | undefined {
    const key = Object.keys(contract.cmdlets).find(k => k.toLowerCase() === name.toLowerCase());
    return key ? [key, contract.cmdlets[key]!] : undefined;
}

/** The parameter a written name (or documented alias) stands for, case-insensitively; undefined when none. */
export function resolveParameter(cmdlet: ContractCmdlet, written: string): string | undefined {
    const lower = written.toLowerCase();
    const names = new Set(cmdlet.parameterSets.flatMap(s => s.parameters.map(p => p.name)));
    for (const name of names) if (name.toLowerCase() === lower) return name;
    for (const name of names) if (cmdlet.parameters[name]?.aliases.some(a => a.toLowerCase() === lower)) return name;
    return undefined;
}
