// Sets the VS Code extension keys of package.json (and only those): read, set, write back.
// Run after changing commands, settings or issue codes: node scripts/extension-manifest.mjs
// Never runs npm install; other keys (dependencies, other scripts) are left as they are.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package.json', import.meta.url);
const pkg = JSON.parse(readFileSync(file, 'utf8'));

// Issue codes from the catalogue, so the severity setting validates them.
const codes = [...readFileSync(new URL('../language/issue-codes.ts', import.meta.url), 'utf8')
    .matchAll(/^\s+'([a-z-]+)': '(?:error|warning|info|hint)',?$/gm)].map(m => m[1]);
if (codes.length < 16) throw new Error(`found only ${codes.length} issue codes in language/issue-codes.ts`);

const voiceFile = 'editorLangId == voice';
const command = (id, title, icon, when) => ({ command: id, title, category: 'Shared Calling', ...(icon ? { icon: `$(${icon})` } : {}), ...(when ? { enablement: when } : {}) });

pkg.main = './out/extension.cjs';
pkg.icon = 'images/icon.png';
pkg.categories = ['Programming Languages', 'Linters', 'Formatters', 'Other'];
pkg.keywords = ['microsoft teams', 'teams phone', 'shared calling', 'voice', 'direct routing', 'powershell', 'infrastructure as code', 'dsl', 'langium'];
pkg.activationEvents = ['onLanguage:voice'];
pkg.vsce = { dependencies: false };
// One file list for the VSIX (vsce) and the npm package (npm pack, npm install -g): the bundles
// in out/ (no node_modules, no sources, no tests, no tools), the manifest's assets, the docs,
// the frontline example (its setup and the extension CSV it reads), and what the emulator path finds beside out/cli.cjs
// (tenant/emulator/paths.ts): the stand-in PowerShell modules and the default seed; the README's
// screenshots (docs/images/), which the extension's page shows from the installed extension.
pkg.files = [
    'bin/voice.cjs', 'out/cli.cjs', 'out/graphviz.cjs', 'out/server.cjs', 'out/extension.cjs', 'out/webviews/',
    'language-configuration.json', 'syntaxes/', 'images/icon.png', 'media/', 'docs/*.md', 'docs/images/',
    'examples/frontline/*.voice', 'examples/frontline/*.csv', 'examples/seeds/frontline.json', 'tenant/powershell/'
];
pkg.contributes = {
    languages: [{
        id: 'voice', aliases: ['Voice', 'Shared Calling'], extensions: ['.voice', '.voicevalues'],
        configuration: './language-configuration.json', icon: { light: './images/icon.png', dark: './images/icon.png' }
    }],
    grammars: [{ language: 'voice', scopeName: 'source.voice', path: './syntaxes/voice.rich.tmLanguage.json' }],
    // No contributes.snippets: the server offers snippets/voice.json (bundled) only where a statement can start.
    commands: [
        command('voice.compile', 'Compile to PowerShell', 'file-code'),
        command('voice.plan', 'Plan (show what would change)', 'checklist'),
        command('voice.apply', 'Apply to the tenant', 'cloud-upload'),
        command('voice.checkTenant', 'Check Against Tenant', 'checklist'),
        command('voice.emergencyReadiness', 'Emergency Readiness', 'shield'),
        command('voice.exportTenant', 'Export Tenant to Folder…', 'cloud-download'),
        command('voice.restartServer', 'Restart Language Server', 'debug-restart'),
        command('voice.showLog', 'Show Log', 'output'),
        command('voice.selectTenant', 'Choose the Target Tenant', 'cloud'),
        command('voice.openExample', 'Open the Frontline Example', 'book'),
        command('voice.startEmulator', 'Start Local Tenant Emulator', 'vm-running'),
        command('voice.stopEmulator', 'Stop Local Tenant Emulator', 'debug-stop'),
        command('voice.resetEmulator', 'Reset Local Tenant Emulator', 'discard'),
        command('voice.findPowerShell', 'Find PowerShell 7', 'terminal-powershell'),
        command('voice.emulatorActions', 'Local Tenant Emulator Actions', 'vm'),
        command('voice.planPane', 'Open Plan Pane', 'list-tree'),
        command('voice.showVisualizer', 'Show Setup Visualizer', 'type-hierarchy')
    ],
    menus: {
        commandPalette: [
            ...['voice.compile', 'voice.plan', 'voice.apply', 'voice.checkTenant', 'voice.emergencyReadiness'].map(id => ({ command: id, when: voiceFile })),
            // The status bar item's click; the palette has Start, Stop and Reset.
            { command: 'voice.emulatorActions', when: 'false' },
            ...['voice.planPane', 'voice.showVisualizer'].map(id => ({ command: id, when: voiceFile }))
        ],
        'editor/title': [
            { command: 'voice.compile', when: voiceFile, group: 'navigation@1' },
            { command: 'voice.apply', when: voiceFile, group: 'navigation@2' },
            { command: 'voice.showVisualizer', when: voiceFile, group: 'navigation@3' }
        ]
    },
    configuration: {
        title: 'Shared Calling as code',
        properties: {
            'voice.tenant': {
                type: 'string', default: 'emulator', order: 0,
                markdownDescription: 'Where **Plan** and **Apply** go: `emulator` (the local tenant emulator at `#voice.emulatorUrl#`) or a tenant domain such as `contoso.onmicrosoft.com`.'
            },
            'voice.signIn': {
                type: 'string', default: 'device-code', order: 1,
                enum: ['device-code', 'browser', 'azure-cli', 'certificate'],
                enumDescriptions: [
                    'Sign in with a code shown in the Voice log, on any device.',
                    'Sign in in the browser.',
                    'Use the account signed in to the Azure CLI (az login).',
                    'App-only sign-in with a client certificate (app registration and certificate from the environment, never settings).'
                ],
                markdownDescription: 'How to sign in to a real tenant (not used for the emulator). Secrets are never stored in settings.'
            },
            'voice.emulatorUrl': {
                type: 'string', default: 'http://127.0.0.1:7780', order: 2, format: 'uri',
                markdownDescription: 'URL of the tenant emulator (`voice emulator`).'
            },
            'voice.diagnostics.severity': {
                type: 'object', default: {}, order: 3,
                markdownDescription: 'Severity per diagnostic code, e.g. `{ "unassigned-number": "off" }`. Codes are explained in the diagnostics catalogue.',
                propertyNames: { enum: codes },
                additionalProperties: { type: 'string', enum: ['error', 'warning', 'info', 'hint', 'off'] }
            },
            'voice.tenantChecks.onSave': {
                type: 'boolean', default: false, order: 4,
                markdownDescription: 'Run **Check Against Tenant** (`voice plan` against `#voice.tenant#`) after saving a `.voice` file: group not found, number not in the inventory, licences exhausted, ... as diagnostics. Reads the tenant on every save.'
            },
            'voice.powershell.path': {
                type: 'string', default: '', order: 5, scope: 'machine',
                markdownDescription: 'Path of PowerShell 7 (`pwsh`) for **Plan**, **Apply** and **Check Against Tenant**. Empty: `VOICE_PWSH`, `PATH` (and the login shell\'s), the usual install folders, then the copy this extension installed.'
            }
        }
    },
    // Suggested language defaults (a user's or workspace's own setting wins): the house
    // style on every save, as the formatter is idempotent and leaves broken files alone.
    configurationDefaults: { '[voice]': { 'editor.formatOnSave': true } },
    walkthroughs: [{
        id: 'voice.gettingStarted',
        title: 'Shared Calling as code',
        description: 'Declare a Teams Phone Shared Calling setup, check it as you type, then compile, plan and apply.',
        steps: [
            {
                id: 'voice.powershell', title: 'PowerShell 7',
                description: 'Plan, Apply and Check Against Tenant run PowerShell 7 (pwsh), for the local emulator too. This step ticks once the extension finds it.\n[Find or install PowerShell 7](command:voice.findPowerShell)',
                media: { markdown: 'media/walkthrough/powershell.md' },
                // Set by client/features/powershell once a pwsh is found.
                completionEvents: ['onContext:voice.pwshFound']
            },
            {
                id: 'voice.emulator', title: 'Start the local tenant emulator',
                description: 'A Teams tenant on your machine, seeded with users, groups and numbers: plan and apply against it before any real tenant.\n[Start the emulator](command:voice.startEmulator)',
                media: { markdown: 'media/walkthrough/emulator.md' },
                completionEvents: ['onCommand:voice.startEmulator']
            },
            {
                id: 'voice.openExample', title: 'Open the frontline example',
                description: 'A retail chain shares one main line per state.\n[Open the example](command:voice.openExample)',
                media: { markdown: 'media/walkthrough/open-example.md' },
                completionEvents: ['onCommand:voice.openExample']
            },
            {
                id: 'voice.check', title: 'Let the editor check the setup',
                description: 'Diagnostics with codes, quick fixes and hovers that explain each statement.',
                media: { markdown: 'media/walkthrough/check.md' },
                completionEvents: ['onLanguage:voice']
            },
            {
                id: 'voice.compileApply', title: 'Compile, plan and apply',
                description: 'Use the lenses above the setup.\n[Compile the open file](command:voice.compile)',
                media: { markdown: 'media/walkthrough/compile-apply.md' },
                completionEvents: ['onCommand:voice.compile', 'onCommand:voice.apply']
            }
        ]
    }]
};
pkg.scripts = {
    ...pkg.scripts,
    package: 'npm run build && vsce package --no-dependencies --allow-missing-repository --skip-license --no-rewrite-relative-links -o out/voice.vsix',
    'test:e2e': 'node test/e2e/run.mjs',
    'test:electron': 'node test/e2e/electron.mjs'
};

writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
console.log(`package.json: extension keys set (${codes.length} issue codes).`);
