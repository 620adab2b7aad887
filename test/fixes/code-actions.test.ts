import { describe, expect, test } from 'vitest';
import type { LangiumDocument } from 'langium';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { JxmbCodeActionProvider, overlapping } from '../../language/lsp/code-actions.js';
import { project } from '../../bench/hostile.mjs';
import { diagnose } from '../helpers/fixes.js';
import { jxmb } from '../helpers/services.js';

// The code-action request as the editor sends it: the diagnostics it shows (maybe from an older version of the
// file, maybe without `data`), answered with workspace edits an editor can apply to the current text.

async function actionsFor(document: LangiumDocument, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const provider = new JxmbCodeActionProvider(jxmb().parser.LangiumParser, jxmb().parser.Lexer);
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return await provider.getCodeActions(document, { textDocument: { uri: document.uri.toString() }, range, context: { diagnostics } }) as CodeAction[];
}

function editsOf(action: CodeAction): TextEdit[] {
    const change = action.edit!.documentChanges![0]!;
    return 'edits' in change ? change.edits as TextEdit[] : [];
}

/** Applies an action as an editor does; throws (like VS Code refusing it) when its edits overlap. */
function apply(text: string, action: CodeAction): string {
    return TextDocument.applyEdits(TextDocument.create('memory://x.jxmb', 'jxmb', 1, text), editsOf(action));
}

const stale = `部门整体 "单位" 年度 2024 {
    绩效指标 {
        产出指标 {
            数量指标 {
                "举办活动场次"：≥45场次
            }
            质量指标 { }
        }
    }
}
`;

describe('a diagnostic from an older version of the file', () => {
    test('gets no edit after a line was typed above it; the current one deletes the empty block', async () => {
        const { diagnostics: old } = await diagnose(stale);
        const shown = old.find(d => d.code === 'hierarchy/empty-level2')!;
        expect(shown).toBeDefined();
        const typed = stale.replace('                "举办活动场次"', '                // 新增一行备注\n                "举办活动场次"');
        const { document, diagnostics: now } = await diagnose(typed);
        expect(await actionsFor(document, [shown])).toEqual([]);

        const current = now.find(d => d.code === 'hierarchy/empty-level2')!;
        const actions = await actionsFor(document, [current]);
        expect(actions.length).toBeGreaterThan(0);
        const fixed = apply(typed, actions[0]!);
        expect(fixed).toContain('"举办活动场次"：≥45场次');
        expect(fixed).toContain('// 新增一行备注');
        expect(fixed).not.toContain('质量指标');
    });

    test('with another message (the check said something else then) gets no edit', async () => {
        const { document, diagnostics } = await diagnose(stale);
        const shown = diagnostics.find(d => d.code === 'hierarchy/empty-level2')!;
        expect(await actionsFor(document, [{ ...shown, message: '旧的提示' }])).toEqual([]);
    });
});

const unclosed = `部门整体 "单位" 年度 2024 {
    绩效指标 {
        产出指标 {
            数量指标 {
                "工程验收达标率"：≥90%
            时效指标 {
                "完成时间"：≤2024-12-31
            }
        }
    }
}
`;

describe('a block not closed yet', () => {
    test('moving a rate out of an unclosed 数量指标 offers no overlapping edits', async () => {
        const { document, diagnostics } = await diagnose(unclosed);
        const shown = diagnostics.filter(d => d.code === 'value/percent-under-count');
        expect(shown.length).toBeGreaterThan(0);
        const actions = await actionsFor(document, shown);
        for (const action of actions) expect(() => apply(unclosed, action), action.title).not.toThrow();
        expect(actions.map(a => a.title)).not.toContain('移到质量指标');
    });

    test('once the block is closed, the move is offered and applies', async () => {
        const closed = unclosed.replace('≥90%\n', '≥90%\n            }\n');
        const { document, diagnostics } = await diagnose(closed);
        const actions = await actionsFor(document, diagnostics.filter(d => d.code === 'value/percent-under-count'));
        const move = actions.find(a => a.title === '移到质量指标');
        expect(move).toBeDefined();
        const fixed = apply(closed, move!);
        expect(fixed).toContain('质量指标 {\n                "工程验收达标率"：≥90%\n            }');
        expect((await diagnose(fixed)).diagnostics.filter(d => d.code === 'value/percent-under-count')).toEqual([]);
    });
});

describe('a block the parser read short after a syntax error', () => {
    // The brace after 数量指标 closes 产出指标 one line early, so 成本指标 stands as a 一级 with its 三级 directly in
    // it, which the parser skips: the tree holds an empty 成本指标, the text does not.
    const misclosed = `部门整体 "单位" 年度 2024 {
    绩效指标 {
        产出指标 {
            数量指标 {
            }
            }
            成本指标 {  // 按旧口径
                "成本控制率(%)"：≤100%
            }
`;

    test('is not deleted as empty: the 三级 the tree missed would go with it', async () => {
        const { document, diagnostics } = await diagnose(misclosed);
        const shown = diagnostics.filter(d => d.code === 'hierarchy/cost-model-differs');
        expect(shown.length).toBeGreaterThan(0);
        for (const action of await actionsFor(document, shown)) {
            expect(apply(misclosed, action), action.title).toContain('"成本控制率(%)"：≤100%');
        }
    });
});

/** The syntax errors a text has, as the user sees them. */
async function syntaxErrors(text: string): Promise<number> {
    return (await diagnose(text)).diagnostics.filter(d => d.code === 'parsing-error' || d.code === 'lexing-error').length;
}

describe('a file with a syntax error', () => {
    // The user is typing a 质量指标 block and has not closed it: the blocks a fix adds at the end of the tree would
    // land in it, after its unfinished line.
    const typing = `部门整体 "测试区科学技术协会" 年度 2024 {
    绩效指标 {
        产出指标 {
            数量指标 { "开展科普活动场次"：≥10场次 }
            时效指标 { "活动完成时间"：≤2024-12-31 }
            质量指标 {
                "合格率"：90~
    }
}
`;

    test('gets no fix that adds a syntax error (a 效益 or 满意度 block put into the unclosed block)', async () => {
        const { document, diagnostics } = await diagnose(typing);
        expect(diagnostics.some(d => d.code === 'hierarchy/missing-benefit')).toBe(true);
        const errors = await syntaxErrors(typing);
        const worse: string[] = [];
        for (const diagnostic of diagnostics) {
            for (const action of await actionsFor(document, [diagnostic])) {
                const after = await syntaxErrors(apply(typing, action));
                if (after > errors) worse.push(`「${action.title}」: ${errors} → ${after}`);
            }
        }
        expect(worse).toEqual([]);
    });

    test('still gets the fixes that leave it no worse: 添加效益指标 where the tree has its place', async () => {
        // 时效指标 is not closed yet; the 效益 block goes before the tree's brace, and the file has its one error still.
        const unfinished = `部门整体 "测试区科学技术协会" 年度 2024 {
    绩效指标 {
        产出指标 {
            数量指标 { "开展科普活动场次"：≥10场次 }
            时效指标 {
                "活动完成时间"：≤2024-12-31
        }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }
    }
}
`;
        const { document, diagnostics } = await diagnose(unfinished);
        expect(await syntaxErrors(unfinished)).toBeGreaterThan(0);
        const actions = await actionsFor(document, diagnostics.filter(d => d.code === 'hierarchy/missing-benefit'));
        expect(actions.map(a => a.title)).toContain('添加效益指标（社会效益指标，待填写）');
    });

    // The user has started to comment out the 满意度 block with 「/*」. A 三级 above it whose value holds 「*/」, moved
    // into that block, would end the comment inside its value: the lines between would silently become a comment.
    const commentedOut = `部门整体 "测试区科学技术协会" 年度 2024 {
    绩效指标 {
        产出指标 {
            数量指标 { "开展科普活动场次"：≥10场次 }
            时效指标 { "活动完成时间"：≤2024-12-31 }
        }
        效益指标 {
            社会效益指标 {
                "科普受益人次"：≥2万人次
                "扩大学生资助面有效提升社会及广大师生的满意度"："满意度达98%（*/见附件）"
            }
        }
        /*
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }
    }
}
`;

    test('with an unclosed 「/*」 gets no fix that moves a 「*/」 below it', async () => {
        const { document, diagnostics } = await diagnose(commentedOut);
        const shown = diagnostics.filter(d => d.code === 'classification/satisfaction-misfiled');
        expect(shown.length).toBeGreaterThan(0);
        for (const action of await actionsFor(document, shown)) {
            const fixed = apply(commentedOut, action);
            expect(fixed.indexOf('*/'), action.title).toBeLessThan(fixed.indexOf('/*\n'));
        }
    });

    test('once the 「/*」 is gone, the move is offered', async () => {
        const uncommented = commentedOut.replace('        /*\n', '');
        const { document, diagnostics } = await diagnose(uncommented);
        const actions = await actionsFor(document, diagnostics.filter(d => d.code === 'classification/satisfaction-misfiled'));
        expect(actions.map(a => a.title)).toContain('将「扩大学生资助面有效提升社会及广大师生的满意度」移到「满意度指标 › 服务对象满意度指标」');
    });
});

describe('a line with a quote mark the lexer could not pair', () => {
    // Pasted text: 「\"」 is read as characters the lexer cannot read. A 满意度 block a fix writes on that line (after
    // the brace the parser took for the block's end) holds a quoted name, whose first quote closes a string opened at
    // the unpaired 「"」: 「满意度」 and the text up to it would become one string. (Found by fixes.property.test.ts.)
    const pasted = `部门整体 "测试区科学技术协会" 年度 2024 {
    绩效指标 {
        产出指标 {
            数量指标 { "开展科普活动场次"：≥10场次 }
            时效指标 { "活动完成时间"：≤2024-12-31 }
        }
        效益指标 {
            社会效益指标 {
                "安全事故发生数"\\"满意度指标"\\"「满意度」\${1}部门整体：≤0起
            }
        }
    }
}
`;
    const strings = (text: string) => jxmb().parser.Lexer.tokenize(text).tokens.filter(t => t.tokenType.name === 'STRING').map(t => t.image);

    test('gets no fix after which a string it does not touch stops reading as a string', async () => {
        const { document, diagnostics } = await diagnose(pasted);
        expect(strings(pasted)).toContain('「满意度」');
        const swallowing: string[] = [];
        for (const diagnostic of diagnostics) {
            for (const action of await actionsFor(document, [diagnostic])) {
                const kept = strings(apply(pasted, action));
                // (the one fix that moves 「满意度」 itself writes it again, as a string)
                if (!kept.includes('「满意度」')) swallowing.push(action.title);
            }
        }
        expect(swallowing).toEqual([]);
    });

    test('still gets the fixes that write no quote mark there', async () => {
        const { document, diagnostics } = await diagnose(pasted.replace('"安全事故发生数"\\"满意度指标"\\"「满意度」\${1}部门整体：≤0起', '"安全事故发生数"\\"满意度指标"：≤0起'));
        const actions = await actionsFor(document, diagnostics.filter(d => d.code === 'classification/satisfaction-misfiled'));
        expect(actions.map(a => a.title)).toContain('将「满意度指标」移到「满意度指标 › 服务对象满意度指标」');
    });
});

describe('a file with many broken rows', () => {
    // Each fix on a line with a syntax error is tried on the edited text; the whole text was parsed again for each,
    // at most eight a version, so a whole-file request left the rows after the eighth without their fixes.
    const shapes: Array<[string, (i: number) => string, string]> = [
        ['「：」 typed twice', i => `"活动场次${i}"：：20场次`, '删去多余的「：」'],
        ['a value without quotes', i => `"发布文章${i}"：不少于50篇`, '加上引号：「"不少于50篇"」'],
        ['a date written with 年月日', i => `"完成时间${i}"：≤2024年12月31日`, '改为「≤2024-12-31」']
    ];
    for (const [shape, row, title] of shapes) {
        test(`(${shape}) gets the fix of every row, and none makes it read worse`, async () => {
            const text = project({ rows: Array.from({ length: 12 }, (_, i) => `                        ${row(i)}\n`).join('') });
            const { document, diagnostics } = await diagnose(text);
            const broken = diagnostics.filter(d => d.code === 'parsing-error');
            expect(broken).toHaveLength(12);
            const actions = await actionsFor(document, diagnostics);
            const fixedRows = actions.filter(a => a.title === title).map(a => a.diagnostics![0]!.range.start.line);
            expect(fixedRows).toEqual(broken.map(d => d.range.start.line));
            const errors = await syntaxErrors(text);
            const worse: string[] = [];
            for (const action of actions) {
                const after = await syntaxErrors(apply(text, action));
                if (after > errors) worse.push(`「${action.title}」 on line ${action.diagnostics![0]!.range.start.line + 1}: ${errors} → ${after}`);
            }
            expect(worse).toEqual([]);
        });
    }
});

describe('a comment inside the text a fix replaces', () => {
    const split = `部门整体 "单位" 年度 2024 {
    绩效指标 {
        产出指标 {
            数量指标 {
                "举办活动场次"：20  // 待核对
                    %
            }
        }
    }
}
`;

    test('stays, after the new text, in every fix offered', async () => {
        const { document, diagnostics } = await diagnose(split);
        const shown = diagnostics.filter(d => d.code === 'value/percent-under-count');
        expect(shown.length).toBeGreaterThan(0);
        const actions = await actionsFor(document, shown);
        expect(actions.length).toBeGreaterThan(0);
        for (const action of actions) expect(apply(split, action), action.title).toContain('// 待核对');
    });
});

describe('the overlap guard', () => {
    const at = (l1: number, c1: number, l2: number, c2: number) => ({ range: { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } }, newText: '' });
    test('an insertion inside a deleted range overlaps; touching edits and insertions at one point do not', () => {
        expect(overlapping([at(4, 0, 5, 0), at(4, 30, 4, 30)])).toBe(true);
        expect(overlapping([at(4, 30, 4, 30), at(4, 0, 5, 0)])).toBe(true);
        expect(overlapping([at(4, 0, 5, 0), at(5, 0, 5, 0)])).toBe(false);
        expect(overlapping([at(4, 0, 4, 0), at(4, 0, 5, 0)])).toBe(false);
        expect(overlapping([at(2, 0, 2, 0), at(2, 0, 2, 0)])).toBe(false);
    });
});

describe('a client that drops `data` from diagnostics', () => {
    const missing = `部门整体 "单位" 年度 2024 {
    绩效指标 {
        产出指标 {
            数量指标 {
                "培训人数"
            }
        }
    }
}
`;

    test('still gets the fix for a diagnostic the file has, computed from the server\'s copy', async () => {
        const { document, diagnostics } = await diagnose(missing);
        const shown = diagnostics.find(d => d.code === 'value/missing')!;
        expect(shown).toBeDefined();
        const { data: _dropped, ...withoutData } = shown;
        const actions = await actionsFor(document, [withoutData]);
        expect(actions.length).toBeGreaterThan(0);
        expect(apply(missing, actions[0]!)).toContain('"培训人数"："〔待填〕"');
    });

    test('any code with no data and a range the file does not report gets no action and no error', async () => {
        const { document } = await diagnose(missing);
        const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } };
        for (const code of ['value/missing', 'measurability/vague-value', 'value/percent-under-count', 'hierarchy/empty-level2']) {
            for (const data of [undefined, null, 'garbage', {}]) {
                const diagnostic: Diagnostic = { range, message: 'x', code, ...(data === undefined ? {} : { data }) };
                expect(await actionsFor(document, [diagnostic])).toEqual([]);
            }
        }
    });
});
