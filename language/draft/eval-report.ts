// The report `npm run eval:draft` prints: the rule drafter on every task / project of the seed samples, scored by
// evaluate.ts, per seed and overall.
import { documentToModel } from '../compile/from-ast.js';
import { parseAndValidate } from '../documents.js';
import type { Document } from '../generated/ast.js';
import type { JxmbServices } from '../jxmb-module.js';
import { rates, scoreTarget, totalsOf, type ReferenceItem, type TargetScore, type Totals } from './evaluate.js';
import type { Proposal } from './proposal.js';
import { draftWithRules } from './rules.js';
import { draftTargetsOf, targetLabel } from './targets.js';

export interface SampleScore {
    sample: string;
    targets: Array<TargetScore & { label: string }>;
    totals: Totals;
}

export interface EvaluationReport {
    samples: SampleScore[];
    totals: Totals;
}

export async function evaluateSamples(services: JxmbServices, samples: ReadonlyArray<{ name: string; text: string }>): Promise<EvaluationReport> {
    const scores: SampleScore[] = [];
    for (const sample of samples) {
        const { document } = await parseAndValidate(services, sample.text);
        const model = documentToModel(document.parseResult.value as Document);
        const targets = draftTargetsOf(model)
            .filter(t => t.texts.length > 0)
            .map(t => ({ ...scoreTarget(t, draftWithRules(t, { skeletons: false, setApartMeasured: false })), label: targetLabel(t) }));
        scores.push({ sample: sample.name, targets, totals: totalsOf(targets) });
    }
    return { samples: scores, totals: totalsOf(scores.flatMap(s => s.targets)) };
}

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** Pads for a monospaced terminal, counting a CJK character as two columns. */
function pad(text: string, width: number, right = false): string {
    const columns = [...text].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
    const fill = ' '.repeat(Math.max(0, width - columns));
    return right ? fill + text : text + fill;
}

function row(label: string, t: Totals, texts: number | string): string {
    const { recall, precision } = rates(t);
    return [pad(label, 34), pad(String(texts), 6, true), pad(String(t.reference), 6, true), pad(String(t.proposals), 6, true),
        pad(String(t.hits), 6, true), pad(percent(recall), 9, true), pad(percent(precision), 9, true),
        pad(t.hits === 0 ? '—' : `${t.sameLevel2}/${t.hits}`, 10, true),
        pad(t.reference === 0 ? '—' : `${t.numberHits}/${t.reference}`, 14, true)].join('');
}

const itemText = (i: ReferenceItem) => `「${i.name}」${i.date ?? `${i.operator}${i.number}${i.unit ?? ''}${i.per ? `/${i.per}` : ''}`}`;
const proposalText = (p: Proposal) => `「${p.name}」${p.annual}`;

export function formatReport(report: EvaluationReport, verbose = false): string {
    const lines = [
        '规则草拟评测：参照为各样例自己的指标表中、文本写明了数值和单位的量化指标；运算符、数值、单位（场/场次、人/名视为相同）都一致才算命中。',
        '占位骨架不计入建议数。「二级一致」：命中的建议中二级指标与表中相同的条数；「不计运算符」：只比数值和单位时参照中被草拟出的条数',
        '（表中常把原文的「不少于150篇」抄作「150篇」，而草拟把产出数量写作下限 ≥，RULES §3.2）。',
        '',
        [pad('样例', 34), pad('文本', 6, true), pad('参照', 6, true), pad('建议', 6, true), pad('命中', 6, true),
            pad('召回率', 9, true), pad('精确率', 9, true), pad('二级一致', 10, true), pad('不计运算符', 14, true)].join('')
    ];
    for (const s of report.samples) lines.push(row(s.sample, s.totals, s.targets.length));
    lines.push(row('合计', report.totals, report.samples.reduce((n, s) => n + s.targets.length, 0)));
    lines.push('');
    for (const s of report.samples) {
        for (const t of s.targets) {
            const totals = totalsOf([t]);
            if (totals.reference === 0 && totals.proposals === 0) continue;
            const { recall, precision } = rates(totals);
            lines.push(`${s.sample.slice(0, 3)} ${t.label}：参照 ${totals.reference}，建议 ${totals.proposals}，命中 ${totals.hits}（召回 ${percent(recall)}，精确 ${percent(precision)}）`);
            if (!verbose) continue;
            for (const m of t.missed) lines.push(`    漏：${itemText(m)}`);
            for (const p of t.extra) lines.push(`    多：${proposalText(p)}　← ${p.source.quote}`);
        }
    }
    return lines.join('\n') + '\n';
}
