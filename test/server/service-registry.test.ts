/**
 * A document without an extension and no open text document (an untitled `.voice` file closed
 * while its build was pending) still finds the Voice services, instead of stopping the server.
 */
import { URI } from 'langium';
import { afterEach, expect, test } from 'vitest';
import { BASE, clearAll, services } from '../language/helpers.js';

afterEach(clearAll);

test('an untitled document that is no longer open is built and validated as Voice', async () => {
    const uri = URI.parse('untitled:Untitled-1');
    expect(services.shared.workspace.TextDocuments.get(uri.toString())).toBeUndefined();
    const document = services.shared.workspace.LangiumDocumentFactory.fromString(`${BASE}\ngroup Late "Late Starters"\n`, uri);
    services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
    expect(services.shared.ServiceRegistry.getServices(uri)).toBe(services.Voice);
    expect(document.diagnostics?.filter(d => d.severity === 1)).toEqual([]);
});

test('files of the workspace that are not .voice stay out (the workspace scan asks the registry)', () => {
    for (const name of ['stores.ps1', 'stores.ps1.map', 'README.md', 'LICENSE']) {
        expect(services.shared.ServiceRegistry.hasServices(URI.file(`/work/examples/frontline/${name}`)), name).toBe(false);
    }
    expect(services.shared.ServiceRegistry.hasServices(URI.file('/work/examples/frontline/stores.voice'))).toBe(true);
});
