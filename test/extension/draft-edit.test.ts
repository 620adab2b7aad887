import { URI, type LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import { documentToModel } from '../../language/compile/from-ast.js';
import type { Declaration, IndicatorList } from '../../language/compile/model.js';
import { parseAndValidate } from '../../language/documents.js';
import { draftIndicators } from '../../language/draft/api.js';
import type { Proposal } from '../../language/draft/proposal.js';
import type { Document } from '../../language/generated/ast.js';
import { changedLines, draftEdits, draftTargetNodes, proposalLine, textWithProposals } from '../../language/lsp/draft-edit-request.js';
import { jxmb } from '../helpers/services.js';

// The edit 起草绩效指标 previews: the proposals land under their 一级/二级 in the target's 绩效指标 block, whatever the
// layout of the file, and nothing else of the file changes.

let counter = 0;
function documentOf(text: string): LangiumDocument<Document> {
    return jxmb().shared.workspace.LangiumDocumentFactory.fromString<Document>(text, URI.parse(`memory:///draft-edit-${++counter}.jxmb`));
}

async function proposalsFor(text: string, target: string): Promise<Proposal[]> {
    return (await draftIndicators({ source: text, target }, { services: jxmb() })).proposals;
}

/** 「产出指标/数量指标」 → names, over all of a declaration's (or project's) 绩效指标 blocks. */
function namesByBlock(lists: readonly IndicatorList[]): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const list of lists) for (const g of list.groups) for (const b of g.blocks) {
        (out[`${g.name}/${b.name}`] ??= []).push(...b.indicators.map(i => i.name));
    }
    return out;
}

async function parsedAfter(text: string) {
    const { document, diagnostics } = await parseAndValidate(jxmb(), text);
    expect(diagnostics.filter(d => d.code === 'parsing-error' || d.code === 'lexing-error')).toEqual([]);
    return documentToModel(document.parseResult.value as Document).declarations;
}

const department = (indicators: string) => `部门整体 "测试单位" 年度 2024 {
    任务 "科普活动" {
        主要实施内容 "组织科普讲座不少于12场次，发放科普资料不少于3000份。"
        期望目标 "受益群众不少于5000人次。"
    }
${indicators}}
`;

describe('draft edit', () => {
    test('adds to the existing 二级 block and creates the missing 二级 and 一级 blocks', async () => {
        const text = department(`    绩效指标 {
        产出指标 {
            数量指标 {
                "举办培训班期数"：≥4期
            }
        }
    }
`);
        const proposals = await proposalsFor(text, '科普活动');
        const after = textWithProposals(jxmb(), documentOf(text), 0, proposals, 2024)!;
        const [declaration] = await parsedAfter(after) as [Extract<Declaration, { kind: 'department' }>];
        expect(declaration.indicators).toHaveLength(1);
        const blocks = namesByBlock(declaration.indicators);
        expect(blocks['产出指标/数量指标']).toEqual(['举办培训班期数', '组织科普讲座场次', '发放科普资料数量']);
        expect(blocks['效益指标/社会效益指标']).toEqual(['受益群众人次']);
        expect(blocks['满意度指标/服务对象满意度指标']).toEqual(['服务对象满意度']);
        expect(blocks['产出指标/时效指标']).toHaveLength(1);
        // Laid out as the printer does: the new lines at the block's indentation.
        expect(after).toContain('\n                "举办培训班期数"：≥4期\n                "组织科普讲座场次"：≥12场次\n');
        // The placeholder skeletons say so where they stand, in words that still fit once accepted (no 「后再采用」).
        expect(after).toMatch(/"服务对象满意度"："≥〔待填〕%"  \/\/ 占位骨架：原文没有给出目标值，请填写〔待填〕处\n/);
        expect(after).not.toContain('采用');
    });

    test('opens up blocks written on one line', async () => {
        const text = department('    绩效指标 { 产出指标 { 数量指标 { "举办培训班期数"：≥4期 } } }\n');
        const proposals = (await proposalsFor(text, '科普活动')).filter(p => !p.placeholder);
        const after = textWithProposals(jxmb(), documentOf(text), 0, proposals, 2024)!;
        const [declaration] = await parsedAfter(after) as [Extract<Declaration, { kind: 'department' }>];
        expect(namesByBlock(declaration.indicators)).toEqual({
            '产出指标/数量指标': ['举办培训班期数', '组织科普讲座场次', '发放科普资料数量'],
            '效益指标/社会效益指标': ['受益群众人次']
        });
    });

    test('creates the 绩效指标 block of a declaration that has none', async () => {
        const text = department('');
        const proposals = (await proposalsFor(text, '科普活动')).filter(p => !p.placeholder);
        const after = textWithProposals(jxmb(), documentOf(text), 0, proposals, 2024)!;
        const [declaration] = await parsedAfter(after) as [Extract<Declaration, { kind: 'department' }>];
        expect(declaration.indicators).toHaveLength(1);
        expect(namesByBlock(declaration.indicators)['产出指标/数量指标']).toEqual(['组织科普讲座场次', '发放科普资料数量']);
        expect(declaration.tasks[0]!.content).toBe('组织科普讲座不少于12场次，发放科普资料不少于3000份。');
    });

    test('puts a project\'s proposals into that project, counting past secret projects', async () => {
        const text = `项目支出 "测试单位" 年度 2024 {
    单位 "测试单位" {
        项目 "秘密" 保密 { 资金 { 财政拨款 1.00 } }
        项目 "科普基地建设" {
            资金 { 总计 50.00 财政拨款 50.00 }
            绩效目标 "建设科普基地2个，年内完成验收。"
        }
        项目 "其他项目" { 绩效目标 "开展培训3期。" 绩效指标 { 产出指标 { 数量指标 { "培训期数"：≥3期 } } } }
    }
}
`;
        const root = documentOf(text).parseResult.value;
        expect(draftTargetNodes(root).map(n => n.name)).toEqual(['科普基地建设', '其他项目']);
        const proposals = await proposalsFor(text, '科普基地建设');
        const after = textWithProposals(jxmb(), documentOf(text), 0, proposals, 2024)!;
        const [declaration] = await parsedAfter(after) as [Extract<Declaration, { kind: 'project' }>];
        const [secret, base, other] = declaration.spendingUnits[0]!.projects;
        // The 保密 project keeps only the official placeholder its compile writes (RULES Q7): no proposal went there.
        expect(namesByBlock(secret!.indicators)).toEqual({ '产出指标/数量指标': ['保密项目'] });
        expect(namesByBlock(base!.indicators)['产出指标/数量指标']).toEqual(['建设科普基地数量']);
        expect(namesByBlock(base!.indicators)['产出指标/时效指标']).toEqual(['建设验收完成时间']);
        expect(namesByBlock(other!.indicators)).toEqual({ '产出指标/数量指标': ['培训期数'] });
    });

    test('under the 2021 cost model the 成本 skeleton lands in a 成本指标 一级 block of its own', async () => {
        const text = department('    绩效指标 { 产出指标 { 数量指标 { "举办培训班期数"：≥4期 } } }\n');
        const { proposals } = await draftIndicators({ source: text, target: '科普活动' }, { services: jxmb(), costModel: '2021' });
        const after = textWithProposals(jxmb(), documentOf(text), 0, proposals.filter(p => p.level1 === '成本指标'), 2024)!;
        const [declaration] = await parsedAfter(after) as [Extract<Declaration, { kind: 'department' }>];
        expect(namesByBlock(declaration.indicators)['成本指标/经济成本指标']).toEqual(['科普活动成本']);
    });

    test('the edit is one replacement of the changed lines that yields the same text', async () => {
        const text = department(`    绩效指标 {
        产出指标 {
            数量指标 {
                "举办培训班期数"：≥4期
            }
        }
    }
`);
        const document = documentOf(text);
        const proposals = (await proposalsFor(text, '科普活动')).filter(p => p.level2 === '数量指标');
        const edits = draftEdits(jxmb(), document, 0, proposals, 2024)!;
        expect(edits).toHaveLength(1);
        const [edit] = edits;
        // Nothing before the 数量指标 block's last line is touched.
        expect(edit!.range.start.line).toBe(text.split('\n').findIndex(l => l.includes('"举办培训班期数"')) + 1);
        const start = document.textDocument.offsetAt(edit!.range.start);
        const end = document.textDocument.offsetAt(edit!.range.end);
        expect(text.slice(0, start) + edit!.newText + text.slice(end)).toBe(textWithProposals(jxmb(), document, 0, proposals, 2024));
        expect(draftEdits(jxmb(), document, 0, [], 2024)).toEqual([]);
        expect(draftEdits(jxmb(), document, 5, proposals, 2024)).toBeUndefined();
    });

    test('changedLines keeps whole unchanged lines around the change', () => {
        expect(changedLines('a\nb\nc\n', 'a\nb\nx\nc\n')).toEqual({ start: 4, end: 4, newText: 'x\n' });
        expect(changedLines('a\nbc\n', 'a\nbXc\n')).toEqual({ start: 2, end: 5, newText: 'bXc\n' });
        expect(changedLines('same', 'same')).toBeUndefined();
    });

    test('a proposal line carries why it needs confirmation', () => {
        const base: Proposal = {
            name: '举办活动场次', level1: '产出指标', level2: '数量指标', operator: '≥', number: 8, unit: '场次', per: null, date: null,
            period: '≥8场次', annual: '≥8场次', source: { field: '主要实施内容', quote: '举办活动8场次', start: 0, end: 7 },
            placeholder: false, needsConfirmation: false, reason: null
        };
        expect(proposalLine(base, 2024)).toBe('"举办活动场次"：≥8场次');
        expect(proposalLine({ ...base, needsConfirmation: true, reason: '原文中没有这个数字' }, 2024)).toBe('"举办活动场次"：≥8场次  // 需确认：原文中没有这个数字');
    });
});
