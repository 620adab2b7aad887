import { describe, expect, test } from 'vitest';
import { findPromises, type TextPromise } from '../../language/domain/promises.js';
import { matchPromise, samePromise, type Measure } from '../../language/validation/text-consistency-match.js';

// The matching rule of text ↔ indicators, on promises alone: same number and unit with related names measures;
// clearly the same thing with another number contradicts; anything else leaves the promise unmeasured.

const promise = (text: string): TextPromise => findPromises(text)[0]!;

/** An indicator `name` whose value is `value` (prose or a bare quantity). */
function measure(name: string, value: string): Measure<string> {
    const found = findPromises(value);
    expect(found, `no quantity in ${value}`).toHaveLength(1);
    return { promise: found[0]!, name, single: true, ref: name };
}

describe('matchPromise', () => {
    test('场 and 场次 count the same events', () => {
        expect(matchPromise(promise('举办科技工作者联谊活动不少于4场'), [measure('举办科技工作者联谊活动', '≥4场次')]).kind).toBe('measured');
    });

    test('a same number under an unrelated name is a coincidence', () => {
        expect(matchPromise(promise('建设智能电气装备研究所1个'), [measure('深化产教融合', '建设产业学院1个')]).kind).toBe('unmeasured');
    });

    test('100% needs clearly the same name', () => {
        expect(matchPromise(promise('资助覆盖面100%'), [measure('科普进社区数量', '覆盖率100%')]).kind).toBe('unmeasured');
        expect(matchPromise(promise('验收合格率100%'), [measure('验收合格率', '100%')]).kind).toBe('measured');
    });

    test('the same thing with another number contradicts', () => {
        const match = matchPromise(promise('组织科普志愿活动不少于96场次'), [measure('举办科普志愿活动场次', '≥90场次')]);
        expect(match).toMatchObject({ kind: 'contradicted', measure: { ref: '举办科普志愿活动场次' } });
    });

    test('a confirmed indicator contradicts nothing', () => {
        const papers = measure('发表高水平论文', '发表核心期刊论文150篇');
        expect(matchPromise(promise('发表高水平学术论文不少于50篇'), [papers]).kind).toBe('contradicted');
        expect(matchPromise(promise('发表高水平学术论文不少于50篇'), [papers], new Set([papers])).kind).toBe('unmeasured');
    });

    test('每年 adds nothing in a one-year table, 每月 does', () => {
        expect(matchPromise(promise('成果转化交易落地金额不少于100亿'), [measure('成果转化交易落地金额', '每年不少于100亿')]).kind).toBe('measured');
        expect(matchPromise(promise('开展活动不少于1次'), [measure('开展活动次数', '每月不少于1次')]).kind).toBe('unmeasured');
    });

    test('people reached: 惠及/覆盖 in the text and 受益 in the name count alike at the same number and unit (tester\'s r15)', () => {
        const beneficiaries = measure('科普受益人次', '≥2万人次');
        expect(matchPromise(promise('惠及群众2万人次'), [beneficiaries]).kind).toBe('measured');
        expect(matchPromise(promise('覆盖群众2万人次'), [beneficiaries]).kind).toBe('measured');
        expect(matchPromise(promise('服务公众20000人次'), [beneficiaries]).kind).toBe('measured');
        // Another number may count other people: no contradiction by these words.
        expect(matchPromise(promise('惠及群众3万人次'), [beneficiaries]).kind).toBe('unmeasured');
        // A same number of people under a name that reaches no one is a coincidence.
        expect(matchPromise(promise('惠及群众2万人次'), [measure('参加培训人次', '≥2万人次')]).kind).toBe('unmeasured');
    });

    test('deadlines match by date', () => {
        const deadline = findPromises('2024年12月前完成', { year: 2024 })[0]!;
        expect(matchPromise(promise('2024年12月前完成主体工程招标'), [{ promise: deadline, name: '主体工程招标完成时间', single: true, ref: 'x' }]).kind).toBe('measured');
    });
});

describe('samePromise', () => {
    test('the same number for the same thing, written twice', () => {
        expect(samePromise(promise('组织科普志愿活动不少于96场次'), promise('组织科普志愿活动96场次以上'))).toBe(true);
        expect(samePromise(promise('组织科普志愿活动不少于96场次'), promise('发布科普文章不少于96篇'))).toBe(false);
    });
});
