import { test } from 'vitest';
import { BASE, validate, listed, clearAll, edit, without, withExtra } from './helpers.js';

const cases: Record<string, string> = {
  base: BASE,
  noNewlineGrant: without(BASE, 'emergency StoreAssociates at SeattleStore via CteloUS dial "911", "933"').trimEnd(),
  order: edit(BASE, ['assign MainLine to FrontlineRA\n', ''], ['number MainLine  "+1 206 555 0100" direct-routing via CteloUS at SeattleStore\n', 'number MainLine  "+1 206 555 0100" direct-routing via CteloUS at SeattleStore\nassign MainLine to FrontlineRA\n']),
  missingPlus: edit(BASE, ['"+1 206 555 0100"', '"1 206 555 0100"']),
  tollfreeDR: edit(BASE, ['direct-routing via CteloUS at SeattleStore\nnumber Callback1', 'direct-routing toll-free via CteloUS at SeattleStore\nnumber Callback1']),
  cpAU: withExtra('number Sydney "+61 2 5550 1234" calling-plan'),
  dup: withExtra('group SeattleStore "x"'),
};
test('scratch', async () => {
  for (const [name, text] of Object.entries(cases)) {
    const r = await validate(text);
    console.log(`--- ${name}\n${listed(r.diagnostics)}`);
    await clearAll();
  }
});
