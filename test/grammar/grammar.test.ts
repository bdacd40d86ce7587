/**
 * The TextMate injection grammar (syntaxes/) tokenized with vscode-textmate + vscode-oniguruma
 * over a fixture, injected into the Rust grammar VS Code ships (from the tm-grammars package).
 * The snapshot (test/grammar/fixture.tokens.txt) lists every token our grammar scopes; it was
 * reviewed by hand: flags, types and allocating calls are scoped, comments, strings,
 * push_within_capacity and Foo::new are not.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';
import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);
const INJECTION = 'syntaxes/kalloc-lens.injection.tmLanguage.json';

async function registry(): Promise<vsctm.Registry> {
  await oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
  const grammars: Record<string, string> = {
    'source.rust': require.resolve('tm-grammars/grammars/rust.json'),
    'kalloc-lens.injection.rust': INJECTION,
  };
  return new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (grammars[scope] ? vsctm.parseRawGrammar(readFileSync(grammars[scope]!, 'utf8'), grammars[scope]) : null),
    getInjections: (scope) => (scope === 'source.rust' ? ['kalloc-lens.injection.rust'] : undefined),
  });
}

test('the injection scopes flags, allocation types and allocating calls, and nothing in comments or strings', async () => {
  const grammar = (await (await registry()).loadGrammar('source.rust'))!;
  const lines = readFileSync('test/grammar/fixture.rs', 'utf8').split('\n');
  let state = vsctm.INITIAL;
  const ours: string[] = [];
  lines.forEach((line, row) => {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) {
      const scope = t.scopes.find((s) => s.endsWith('.kalloc-lens'));
      if (scope) ours.push(`${row + 1}:${t.startIndex + 1} ${line.slice(t.startIndex, t.endIndex)} ${scope}`);
    }
    state = r.ruleStack;
  });
  await expect(ours.join('\n') + '\n').toMatchFileSnapshot('fixture.tokens.txt');
});
