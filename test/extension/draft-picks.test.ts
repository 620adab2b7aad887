import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { draftSummary, emptyDraftMessage, proposalPicks } from '../../extension/draft-picks.js';
import { format, type Translate } from '../../extension/translate.js';
import { draftIndicators } from '../../language/draft/api.js';
import { jxmb } from '../helpers/services.js';

// What the user chooses from after 起草绩效指标: one line per proposal as it will be written, where it comes from,
// and what needs a look. The table counts 12 lectures where the text promises 15: a proposal of the same name.

const text = `部门整体 "测试单位" 年度 2024 {
    任务 "科普活动" {
        主要实施内容 "组织科普讲座不少于15场次，发放科普资料不少于3000份，举办科普展览不少于2场次。"
    }
    绩效指标 { 产出指标 { 数量指标 { "组织科普讲座场次"：≥12场次  "举办科普展览场次"：≥2场次 } } }
}
`;

describe('draft picks', async () => {
    const result = await draftIndicators({ source: text, target: '科普活动' }, { services: jxmb() });
    const picks = proposalPicks(result, format);

    test('in the order they are written, each as its line with its place and its source', () => {
        expect(picks.map(p => p.label)).toEqual([
            '"组织科普讲座场次（2）"：≥15场次',
            '"发放科普资料数量"：≥3000份',
            '"科普活动完成时间"："≤〔待填〕"',
            '"服务对象满意度"："≥〔待填〕%"'
        ]);
        expect(picks[1]!.description).toBe('产出指标 › 数量指标');
        expect(picks[1]!.detail).toBe('主要实施内容「发放科普资料不少于3000份」');
        expect(picks[3]!.detail).toContain('Skeleton: fill in the value');
    });

    test('a proposal that repeats an indicator of the table says so and starts unchosen', () => {
        expect(picks[0]!.detail).toMatch(/Needs confirmation: 表中已有指标「组织科普讲座场次」/);
        expect(picks.map(p => p.picked)).toEqual([false, true, true, true]);
    });

    test('the summary counts skeletons and what needs confirmation, and says what the table measures already', () => {
        expect(draftSummary(result, format)).toBe('Task “科普活动”: 4 proposals (rules); 2 skeletons, 1 need confirmation. Choose the ones to preview.'
            + ' 1 promises of the text are already measured by indicators of the table and are not proposed again.');
    });
});

describe('a draft with no proposal', () => {
    const bundle = JSON.parse(readFileSync(new URL('../../l10n/bundle.l10n.zh-cn.json', import.meta.url), 'utf8')) as Record<string, string>;
    const zh: Translate = (message, ...args) => format(bundle[message] ?? message, ...args);

    test('names the cause the server gives: the text or the table', () => {
        const title = '任务「科普讲座经费」';
        expect(emptyDraftMessage(title, 'text', zh)).toBe('任务「科普讲座经费」：文本中没有可起草的量化承诺。');
        expect(emptyDraftMessage(title, 'measured', zh)).toContain('都已有指标衡量');
    });
});
