import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { formatFinding, isSyntaxError, toFinding } from '../../language/cli/diagnostics.js';
import { compileTargets, render } from '../../language/cli/compile.js';
import { documentToModel } from '../../language/compile/from-ast.js';
import { modelLimitErrors } from '../../language/compile/limits.js';
import { printModel } from '../../language/compile/print-jxmb.js';
import { checkModel } from '../../language/compile/schema.js';
import type { Document } from '../../language/generated/ast.js';
import { anyJxmbText, editedSample, runs, SEED } from './arbitraries.js';
import { validDeclarations } from './declarations.js';
import { withDocument } from './features.js';

// Compiling: the model builder takes any AST the parser recovers (the editor's preview and drafting do); a text
// without syntax errors gives a model that satisfies the schema and renders to every target, unless it holds a value
// the model cannot hold exactly (compile/limits.ts refuses it at its place); and printing is faithful —
// print(model(x)) parses back to the same model and prints the same text again.

async function modelOf(text: string) {
    return await withDocument(text, async (document, diagnostics) => ({
        model: documentToModel(document.parseResult.value as Document),
        syntaxErrors: diagnostics.filter(isSyntaxError),
        limitErrors: modelLimitErrors(document.parseResult.value as Document)
    }));
}

const where = (errors: Diagnostic[]) => errors.map(d => formatFinding(toFinding('x.jxmb', d)));

describe('the generated declarations', () => {
    test('parse without syntax errors (the generator follows the grammar)', async () => {
        await fc.assert(fc.asyncProperty(validDeclarations, async text => {
            expect(where((await modelOf(text)).syntaxErrors)).toEqual([]);
        }), { seed: SEED, numRuns: runs(150) });
    }, 180_000);
});

describe('compile', () => {
    test('the model builder takes whatever the parser recovered', async () => {
        await fc.assert(fc.asyncProperty(anyJxmbText, async text => {
            const { model } = await modelOf(text);
            expect(model.version).toBe(1);
        }), { seed: SEED, numRuns: runs(60) });
    }, 180_000);

    test('a text without syntax errors compiles to every target, or says which value is out of range', async () => {
        await fc.assert(fc.asyncProperty(fc.oneof(validDeclarations, editedSample), async text => {
            const { model, syntaxErrors, limitErrors } = await modelOf(text);
            fc.pre(syntaxErrors.length === 0);
            // (a value the model cannot hold, or not exactly: compiling stops with compile/out-of-range at its place)
            if (limitErrors.length > 0) {
                expect(limitErrors.every(e => e.code === 'compile/out-of-range' && e.range.start.line >= 0)).toBe(true);
                return;
            }
            expect(checkModel(model)).toEqual([]);
            for (const target of compileTargets) {
                const content = await render(model, target);
                expect(typeof content === 'string' || content instanceof Uint8Array).toBe(true);
            }
        }), { seed: SEED, numRuns: runs(40) });
    }, 180_000);
});

describe('print(parse(x))', () => {
    test('parses back to the same model and prints the same text again', async () => {
        await fc.assert(fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: validDeclarations }, { weight: 1, arbitrary: editedSample }), async text => {
            const first = await modelOf(text);
            fc.pre(first.syntaxErrors.length === 0);
            const printed = printModel(first.model);
            const second = await modelOf(printed);
            expect(where(second.syntaxErrors)).toEqual([]);
            expect(second.model).toEqual(first.model);
            expect(printModel(second.model)).toBe(printed);
        }), { seed: SEED, numRuns: runs(150) });
    }, 180_000);
});
