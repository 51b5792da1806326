/**
 * package.json's contributions held against the code: the commands the client registers
 * and the ones it contributes, menus and walkthrough links, the settings the code reads
 * (shared/settings.ts) with their types and defaults, and the diagnostic codes a user can
 * set a severity for (language/issue-codes.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { allIssueCodes } from '../../language/issue-codes.js';
import { Commands } from '../../shared/protocol.js';
import { SETTINGS, SEVERITY_LEVELS, SIGN_IN_METHODS } from '../../shared/settings.js';

const REPO = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const contributes = manifest.contributes;

function sources(folder: string): { file: string; text: string }[] {
    return readdirSync(path.join(REPO, folder), { withFileTypes: true, recursive: true })
        .filter(entry => entry.isFile() && entry.name.endsWith('.ts'))
        .map(entry => path.join(entry.parentPath, entry.name))
        .map(file => ({ file: path.relative(REPO, file).split(path.sep).join('/'), text: readFileSync(file, 'utf8') }));
}

/** The command ids the client registers: `commands.register(Commands.x, ...)` or a literal id. */
function registeredCommands(): string[] {
    const ids: string[] = [];
    for (const { text } of sources('client')) {
        for (const [, reference, literal] of text.matchAll(/\bregister(?:Command)?\(\s*(?:Commands\.(\w+)|'([^']+)')/g)) {
            const id = literal ?? (Commands as Record<string, string>)[reference!];
            expect(id, `Commands.${reference}`).toBeDefined();
            ids.push(id!);
        }
    }
    return ids;
}

const sorted = (values: Iterable<string>): string[] => [...values].sort();
const contributedCommands: string[] = contributes.commands.map((c: { command: string }) => c.command);

describe('package.json contributions', () => {
    test('the commands the client registers are exactly the contributed ones, each once', () => {
        const registered = registeredCommands();
        expect(sorted(registered)).toEqual(sorted(new Set(registered)));
        expect(sorted(registered)).toEqual(sorted(contributedCommands));
        expect(sorted(Object.values(Commands))).toEqual(sorted(contributedCommands));
    });

    test('every command is in the "Shared Calling" category, never VS Code\'s own "Voice" (speech) one', () => {
        for (const command of contributes.commands as { command: string; category: string }[]) {
            expect(command.category, command.command).toBe('Shared Calling');
        }
    });

    test('format on save is a language default for voice files, and only that', () => {
        expect(contributes.configurationDefaults).toEqual({ '[voice]': { 'editor.formatOnSave': true } });
    });

    test('menus and the walkthrough name contributed commands only', () => {
        const menuCommands = Object.values(contributes.menus as Record<string, { command: string }[]>).flat().map(m => m.command);
        expect(menuCommands.length).toBeGreaterThan(0);
        for (const command of menuCommands) expect(contributedCommands, command).toContain(command);
        const walkthroughs = JSON.stringify(contributes.walkthroughs);
        const linked = [...walkthroughs.matchAll(/(?:command:|onCommand:)(voice\.[\w]+)/g)].map(m => m[1]!);
        expect(linked.length).toBeGreaterThan(0);
        for (const command of linked) expect(contributedCommands, command).toContain(command);
    });

    test('the walkthrough starts with the prerequisites, whose steps tick on what the extension does', () => {
        const steps = contributes.walkthroughs[0].steps as { id: string; completionEvents: string[]; media: { markdown: string } }[];
        expect(steps.slice(0, 2).map(s => s.id)).toEqual(['voice.powershell', 'voice.emulator']);
        expect(steps[1]!.completionEvents).toEqual(['onCommand:voice.startEmulator']);
        for (const step of steps) expect(existsSync(path.join(REPO, step.media.markdown)), step.media.markdown).toBe(true);
        // PowerShell's step ticks on a context key: the client must set exactly that key, to true, when pwsh is found.
        const keys = steps.flatMap(s => s.completionEvents).filter(e => e.startsWith('onContext:')).map(e => e.slice('onContext:'.length));
        expect(keys).toEqual(['voice.pwshFound']);
        const setters = sources('client').flatMap(({ text }) => [...text.matchAll(/executeCommand\('setContext', (\w+), true\)/g)].map(m => {
            const constant = new RegExp(`const ${m[1]} = '([\\w.]+)'`).exec(text);
            return constant?.[1];
        }));
        expect(setters).toEqual(keys);
    });

    test('no snippets contribution: the server offers snippets/voice.json only where a statement can start', () => {
        expect(contributes.snippets).toBeUndefined();
        expect(manifest.categories).not.toContain('Snippets');
    });

    test('the README\'s images ship in the package (the extension\'s page shows them from the installed extension)', () => {
        const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
        const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map(m => m[1]!);
        expect(images.length).toBeGreaterThan(0);
        for (const image of images) {
            expect(existsSync(path.join(REPO, image)), image).toBe(true);
            expect((manifest.files as string[]).some(f => f.endsWith('/') ? image.startsWith(f) : image === f), image).toBe(true);
        }
    });

    test('every setting the code reads is contributed with its type and default, and nothing else is', () => {
        const properties = contributes.configuration.properties as Record<string, { type: string; default: unknown; enum?: string[] }>;
        expect(sorted(Object.keys(properties))).toEqual(sorted(Object.keys(SETTINGS).map(key => `voice.${key}`)));
        for (const [key, setting] of Object.entries(SETTINGS)) {
            const contributed = properties[`voice.${key}`]!;
            expect(contributed.type, key).toBe(setting.type);
            expect(contributed.default, key).toEqual(setting.default);
        }
        expect(properties['voice.signIn']!.enum).toEqual([...SIGN_IN_METHODS]);
        expect((properties['voice.diagnostics.severity'] as unknown as { additionalProperties: { enum: string[] } }).additionalProperties.enum)
            .toEqual([...SEVERITY_LEVELS]);
    });

    test('settings are read only through shared/settings.ts', () => {
        const readers = [...sources('client'), ...sources('server')].filter(s => /\bgetConfiguration\(/.test(s.text));
        expect(readers.map(r => r.file).sort()).toEqual(['client/infrastructure/settings.ts', 'server/voice-requests.ts']);
        // The server asks Langium for a part of the `voice` section: it must be a setting's first segment.
        const server = readers.find(r => r.file === 'server/voice-requests.ts')!.text;
        const parts = [...server.matchAll(/getConfiguration\('voice', '([\w.]+)'\)/g)].map(m => m[1]!);
        expect(parts.length).toBeGreaterThan(0);
        for (const part of parts) expect(Object.keys(SETTINGS).some(key => key.split('.')[0] === part), part).toBe(true);
    });

    test('voice.diagnostics.severity offers exactly the issue codes', () => {
        const severity = contributes.configuration.properties['voice.diagnostics.severity'];
        expect(sorted(severity.propertyNames.enum)).toEqual(sorted(allIssueCodes));
        expect(new Set(severity.propertyNames.enum).size).toBe(severity.propertyNames.enum.length);
    });
});
