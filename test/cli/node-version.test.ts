/**
 * On a Node.js older than the language core needs (Langium 4.4's parser wants Node 22+; the
 * project targets 24), `voice` says so in one line instead of dying inside the parser.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, VOICE_BIN } from '../support/cli.js';

/** Runs bin/voice.cjs on this Node, but with process.version(s) saying `version`. */
function runAs(version: string, args: string[]) {
    const pretend = `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '${version}' } });` +
        `Object.defineProperty(process, 'version', { value: 'v${version}' }); process.argv.splice(1, 0, ${JSON.stringify(VOICE_BIN)}); require(${JSON.stringify(VOICE_BIN)});`;
    return spawnSync(process.execPath, ['-e', pretend, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
}

describe('the Node.js version guard', () => {
    it('Node 20: one clear line naming the version needed, exit 2, nothing from the parser', () => {
        const result = runAs('20.20.2', ['check', 'examples/frontline']);
        expect(result.status).toBe(2);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toMatch(/voice needs Node\.js 24 or newer \(this is v20\.20\.2\)/);
        expect(result.stderr).not.toMatch(/groupBy/);
    });

    it('Node 24 runs the command', () => {
        const result = runAs(process.versions.node, ['check', 'examples/frontline']);
        expect(result.stderr).toContain('no problems');
        expect(result.status).toBe(0);
    });
});
