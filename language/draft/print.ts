// Proposals as .jxmb text: one 绩效指标 block, 一级/二级 blocks as print-jxmb writes them and each indicator as its
// printIndicator line, so the preview can be pasted into a declaration or project as it is. Where each comes from,
// why it needs confirmation and what the checks found stand in comments, which the grammar ignores.
import { printIndicator } from '../compile/print-jxmb.js';
import { indicatorOf } from './cells.js';
import type { EmptyReason } from './empty.js';
import { groupProposals } from './group.js';
import type { CheckedProposal, DraftResult } from './proposal.js';
import { oneLine } from '../domain/one-line.js';
import { targetLabel } from './targets.js';

const INDENT = '    ';

const short = (text: string, max = 60) => oneLine(text, max);

/** What the preview says about a proposal, one comment each. */
function notes(p: CheckedProposal): string[] {
    const out: string[] = [];
    if (p.needsConfirmation && p.reason) {
        // A skeleton's reason says 占位骨架 itself (skeletons.ts): not twice.
        const label = p.placeholder ? '占位骨架' : '需确认';
        out.push(p.reason.startsWith(label) ? short(p.reason, 120) : `${label}：${short(p.reason, 120)}`);
    }
    for (const d of p.diagnostics) {
        // A skeleton's placeholder finding is what the note above already says.
        if (d.severity !== 'error' && d.severity !== 'warning') continue;
        if (p.placeholder && d.code === 'value/placeholder') continue;
        out.push(`${d.severity === 'error' ? '错误' : '警告'} ${d.code ?? ''}：${short(d.message, 120)}`);
    }
    return out;
}

export function summaryLine(result: DraftResult): string {
    const n = result.proposals.length;
    const skeletons = result.proposals.filter(p => p.placeholder).length;
    // As the JSON marks them: a skeleton needs confirmation too (its value is to be filled in).
    const confirm = result.proposals.filter(p => p.needsConfirmation || p.placeholder).length;
    // The name (an Excel cell may hold a line break) and the server's model name stay on the comment's one line.
    const model = result.model ? oneLine(result.model, 80) : '';
    const how = result.drafter === 'llm' ? `大模型草拟${model ? `，模型 ${model}` : ''}` : '规则草拟';
    const measured = result.measured?.length ?? 0;
    // What the table already measures is not counted as a proposal, but said, so that a short list is not read as
    // a text with little in it.
    const apart = measured > 0 ? `另有 ${measured} 项承诺表中已有指标衡量，不再重复建议。` : '';
    return `${targetLabel({ ...result.target, name: oneLine(result.target.name, 120) })}的指标建议（${how}）：${n} 条，其中需确认 ${confirm} 条${skeletons > 0 ? `（含占位骨架 ${skeletons} 条）` : ''}。${apart}预览后再采用，不会写入文件。`;
}

/** The promises set apart, one comment each: the words of the text and the written indicator that measures them. */
function measuredLines(result: DraftResult): string[] {
    const measured = result.measured ?? [];
    if (measured.length === 0) return [];
    return [`// 表中已有指标衡量的承诺（${measured.length} 项，未列入建议）：`, ...measured.map(m =>
        `//   ${m.source.field ?? ''}「${short(m.source.quote)}」 → 已有「${short(m.indicator)}」${short(m.value, 40)}`)];
}

const NOTHING: Record<EmptyReason, string> = {
    measured: '// 没有新的建议：文本中的量化承诺表中都已有指标衡量。',
    text: '// 文本中没有可草拟的量化承诺。'
};

/** `empty`: why there is no proposal, when there is none (emptyReason); without it, as the result alone tells. */
export function printProposals(result: DraftResult, empty?: EmptyReason): string {
    const lines = [`// ${summaryLine(result)}`];
    if (result.proposals.length === 0) {
        lines.push(NOTHING[empty ?? (result.measured?.length ? 'measured' : 'text')]);
        lines.push(...measuredLines(result));
        return lines.join('\n') + '\n';
    }
    lines.push('绩效指标 {');
    for (const group of groupProposals(result.proposals)) {
        lines.push(`${INDENT}${group.level1} {`);
        for (const block of group.blocks) {
            lines.push(`${INDENT.repeat(2)}${block.level2} {`);
            for (const p of block.proposals) {
                const source = p.source.field ? `  // ${p.source.field}「${short(p.source.quote)}」` : '';
                lines.push(`${INDENT.repeat(3)}${printIndicator(indicatorOf(p, result.target.year))}${source}`);
                for (const note of notes(p)) lines.push(`${INDENT.repeat(3)}//   ${note}`);
            }
            lines.push(`${INDENT.repeat(2)}}`);
        }
        lines.push(`${INDENT}}`);
    }
    lines.push('}');
    lines.push(...measuredLines(result));
    return lines.join('\n') + '\n';
}
