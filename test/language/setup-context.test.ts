import { describe, expect, test } from 'vitest';
import type { Model } from '../../language/generated/ast.js';
import { SetupContext } from '../../language/setup-context.js';

describe('SetupContext', () => {
    test('takes a file of 200,000 statements (a setup of 25,000 stores in one file) without overflowing the stack', () => {
        const model = { $type: 'Model', imports: [], statements: [] as unknown[], network: [] } as unknown as Model;
        for (let i = 0; i < 200_000; i++) (model.statements as unknown[]).push({ $type: 'Group', $container: model, name: `G${i}` });
        const context = new SetupContext([model]);
        expect(context.statements).toHaveLength(200_000);
        expect(context.declarations).toHaveLength(200_000);
        expect(context.orderOf(model.statements[199_999]!)).toBe(199_999);
    });
});
