/**
 * In the editor the same set of files decides as on the command line: the files of one
 * folder are one setup. An edit in one file brings a conflict to the other file too, even
 * though neither imports the other, and fixing it clears both. Real language server
 * services and Langium's incremental document builder (the path an editor change takes).
 */
import { URI } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { clearAll, codeOf, services } from '../language/helpers.js';
import type { VoiceDocumentValidator } from '../../language/voice-document-validator.js';

afterEach(clearAll);

const { LangiumDocuments, LangiumDocumentFactory, DocumentBuilder, TextDocuments } = services.shared.workspace;

const NETWORK = `tenant "contoso.onmicrosoft.com" domains "contoso.com"
address Seattle { company "C" street "1 Pike St" city "Seattle" region "WA" postal-code "98101" country US geo 47.6, -122.3 }
trunk CteloUS { sbc "sbc1.contoso.com" port 5061 usage "Ctelo-US" pidf-lo on }
number Main "+1 206 555 0100" direct-routing via CteloUS at Seattle
resource-account Ra { upn "sc-ra@contoso.com" usage-location US }
assign Main to Ra
shared-calling-policy Stores { resource-account Ra }
emergency-calling-policy Desk { notify "desk@contoso.com" }
`;
const store = (group: string, rank: number) => `import "network.voice"
group ${group} "${group} associates"
grant Stores to ${group} rank ${rank}
emergency ${group} works-at Seattle via CteloUS notify Desk
`;

async function open(uri: string, text: string): Promise<void> {
    const document = LangiumDocumentFactory.fromString(text, URI.parse(uri));
    LangiumDocuments.addDocument(document);
}

let version = 1;

/** An edit as the editor reports it: the new text, then an incremental update of the workspace. */
async function change(uri: string, text: string): Promise<void> {
    TextDocuments.set(TextDocument.create(uri, 'voice', ++version, text));
    await DocumentBuilder.update([URI.parse(uri)], []);
}

/** network.voice and two store files of one folder, built and validated. */
async function twoStores(): Promise<{ a: string; b: string }> {
    const a = 'file:///ws/stores/a.voice';
    const b = 'file:///ws/stores/b.voice';
    await open('file:///ws/stores/network.voice', NETWORK);
    await open(a, store('East', 1));
    await open(b, store('West', 2));
    await DocumentBuilder.build([...LangiumDocuments.all], { validation: true });
    return { a, b };
}

const codes = (uri: string) => (LangiumDocuments.getDocument(URI.parse(uri))!.diagnostics ?? []).map(codeOf);

describe('one folder, one setup, in the editor', () => {
    test('an edit in a.voice reports the rank conflict in b.voice too; undoing it clears both', async () => {
        const { a, b } = await twoStores();
        expect(codes(a)).toEqual([]);
        expect(codes(b)).toEqual([]);

        await change(a, store('East', 2));
        expect(codes(a)).toEqual(['rank-conflict']);
        expect(codes(b)).toEqual(['rank-conflict']);
        const related = LangiumDocuments.getDocument(URI.parse(b))!.diagnostics![0]!.relatedInformation;
        expect(related?.[0]?.location.uri).toBe(a);

        await change(a, store('East', 1));
        expect(codes(a)).toEqual([]);
        expect(codes(b)).toEqual([]);
    });

    test('a file only re-validated for its setup keeps its own diagnostics, and its statement checks do not run again', async () => {
        const a = 'file:///ws/stores/a.voice';
        const b = 'file:///ws/stores/b.voice';
        await open('file:///ws/stores/network.voice', NETWORK);
        await open(a, store('East', 1));
        // b.voice has a diagnostic of its own (a group id that is no GUID), besides the setup's.
        await open(b, store('West', 2).replace('"West associates"', 'id "not-a-guid"'));
        await DocumentBuilder.build([...LangiumDocuments.all], { validation: true });
        const own = codes(b);
        expect(own).toEqual(['invalid-group-id']);

        const validator = services.Voice.validation.DocumentValidator as VoiceDocumentValidator;
        const validateAst = validator.validateAst.bind(validator);
        const checked: string[] = [];
        validator.validateAst = (root, ...rest) => {
            checked.push(LangiumDocuments.all.find(d => d.parseResult.value === root)!.uri.toString());
            return validateAst(root, ...rest);
        };
        try {
            await change(a, store('East', 2));
            expect(codes(b).sort()).toEqual(['invalid-group-id', 'rank-conflict']);
            await change(a, store('East', 1));
            expect(codes(b)).toEqual(own);
        } finally {
            validator.validateAst = validateAst;
        }
        // Only a.voice's statements were checked again (once per edit); b.voice's were not.
        expect(checked).toEqual([a, a]);
    });

    test('a file whose own checks read other files is checked again in full: a parameter declared in a sibling clears unknown-parameter', async () => {
        const a = 'file:///ws/stores/a.voice';
        const b = 'file:///ws/stores/b.voice';
        await open('file:///ws/stores/network.voice', NETWORK);
        await open(a, store('East', 1));
        await open(b, store('West', 2).replace('"West associates"', '"${Team} associates"'));
        await DocumentBuilder.build([...LangiumDocuments.all], { validation: true });
        expect(codes(b)).toEqual(['unknown-parameter']);

        await change(a, `param Team string\n${store('East', 1)}`);
        expect(codes(b)).toEqual([]);
        await change(a, store('East', 1));
        expect(codes(b)).toEqual(['unknown-parameter']);
    });

    test('the setup rules re-key only changed files, yet see a duplicate that an edit brings, and its undoing', async () => {
        const { a, b } = await twoStores();

        // b.voice is not edited: the conflict with it comes from its keys of the first build.
        await change(a, `${store('East', 1)}group West "Another West"\n`);
        expect(codes(a)).toContain('duplicate-name');
        expect(codes(b)).toContain('duplicate-name');
        await change(a, store('East', 1));
        expect(codes(a)).toEqual([]);
        expect(codes(b)).toEqual([]);
    });

    test('a file linked again is re-keyed: a number changed in network.voice now clashes with the one a store file assigns', async () => {
        const a = 'file:///ws/stores/a.voice';
        const network = 'file:///ws/stores/network.voice';
        const spare = 'number Spare "+1 206 555 0199" direct-routing via CteloUS at Seattle\nresource-account Ra2 { upn "sc-ra2@contoso.com" usage-location US }\n';
        await open(network, NETWORK + spare);
        // a.voice assigns a number declared in network.voice: its key follows the reference.
        await open(a, `${store('East', 1)}assign Spare to Ra2\n`);
        await DocumentBuilder.build([...LangiumDocuments.all], { validation: true });
        expect(codes(a)).toEqual([]);

        // Spare becomes Main's number: a.voice is linked again (not parsed again), and its assignment now clashes with network.voice's.
        await change(network, NETWORK + spare.replace('+1 206 555 0199', '+1 206 555 0100'));
        expect(codes(a)).toContain('number-assigned-twice');
        expect(codes(network)).toContain('number-assigned-twice');
    });

    test('a file only re-validated for its setup keeps each setup diagnostic that says the same, and takes a new one where its related place moved', async () => {
        const { a, b } = await twoStores();
        const diagnosticsOf = (uri: string) => LangiumDocuments.getDocument(URI.parse(uri))!.diagnostics!;
        await change(a, store('East', 2));
        const conflict = diagnosticsOf(b).find(d => codeOf(d) === 'rank-conflict')!;
        expect(conflict.relatedInformation![0]!.location.range.start.line).toBe(2);

        // A comment in a.voice changes nothing b.voice says: its diagnostic is the one it had.
        await change(a, `${store('East', 2)}// renovated\n`);
        expect(diagnosticsOf(b).find(d => codeOf(d) === 'rank-conflict')).toBe(conflict);

        // A space in a.voice's grant moves the place b.voice's diagnostic points at, on the line its message names.
        await change(a, store('East', 2).replace('East rank', 'East  rank'));
        const moved = diagnosticsOf(b).find(d => codeOf(d) === 'rank-conflict')!;
        expect(moved.message).toBe(conflict.message);
        expect(moved.relatedInformation![0]!.location.range.start.character).toBe(conflict.relatedInformation![0]!.location.range.start.character + 1);
    });

    test('a number becomes used when another file assigns it, and unused when that file stops', async () => {
        const a = 'file:///ws/stores/a.voice';
        const network = 'file:///ws/stores/network.voice';
        const spare = 'number Spare "+1 206 555 0199" direct-routing via CteloUS at Seattle\nresource-account Ra2 { upn "sc-ra2@contoso.com" usage-location US }\n';
        await open(network, NETWORK + spare);
        await open(a, store('East', 1));
        await DocumentBuilder.build([...LangiumDocuments.all], { validation: true });
        expect(codes(network)).toContain('unassigned-number');

        await change(a, `${store('East', 1)}assign Spare to Ra2\n`);
        expect(codes(network)).not.toContain('unassigned-number');
        await change(a, store('East', 1));
        expect(codes(network)).toContain('unassigned-number');
    });

    test('files in two folders are two setups: the same rank in each is no conflict', async () => {
        await open('file:///ws/east/network.voice', NETWORK);
        await open('file:///ws/west/network.voice', NETWORK);
        await open('file:///ws/east/a.voice', store('East', 1));
        await open('file:///ws/west/b.voice', store('West', 1));
        await DocumentBuilder.build([...LangiumDocuments.all], { validation: true });
        expect(codes('file:///ws/east/a.voice')).toEqual([]);
        expect(codes('file:///ws/west/b.voice')).toEqual([]);
    });
});
