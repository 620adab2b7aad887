import { describe, expect, test } from 'vitest';
import { formatQuantity, formatValue, parseValue, type Operator, type Quantity } from '../../language/domain/values.js';

/** Expected quantity; hedge, per and approximate default to none. */
function q(op: Operator, value: number, unit: string | null, extra: Partial<Quantity> = {}): Quantity {
    return { op, value, unit, hedge: null, per: null, approximate: false, ...extra };
}

function expectQuantity(text: string, expected: Quantity): void {
    expect(parseValue(text)).toEqual({ original: text, kind: 'quantity', ...expected });
}

describe('symbol + number + unit', () => {
    test.each<[string, Quantity]>([
        ['≥45 场次', q('≥', 45, '场次')],
        ['≤100%', q('≤', 100, '%')],
        ['≤3s', q('≤', 3, 's')],
        ['< 3起', q('<', 3, '起')],
        ['>=90%', q('≥', 90, '%')],
        ['<=5次', q('≤', 5, '次')],
        ['＞＝90％', q('≥', 90, '%')],
        ['≧5个', q('≥', 5, '个')],
        ['＞20家', q('>', 20, '家')],
        ['=0起', q('=', 0, '起')],
        ['≥65', q('≥', 65, null)],
        ['≥ 2 场次', q('≥', 2, '场次')],
        ['１２条', q('=', 12, '条')]
    ])('%s', (text, expected) => expectQuantity(text, expected));
});

describe('operator words', () => {
    test.each<[string, Quantity]>([
        ['不少于1000次', q('≥', 1000, '次')],
        ['不低于3个', q('≥', 3, '个')],
        ['大于等于90%', q('≥', 90, '%')],
        ['95%及以上', q('≥', 95, '%')],
        ['3000万人次以上', q('≥', 3000, '万人次')],
        ['12场次以上', q('≥', 12, '场次')],
        ['达到98%', q('≥', 98, '%')],
        ['达95%', q('≥', 95, '%')],
        ['大于20家', q('>', 20, '家')],
        ['超过90%', q('>', 90, '%')],
        ['高于95%', q('>', 95, '%')],
        ['不超过5万元', q('≤', 5, '万元')],
        ['不高于10%', q('≤', 10, '%')],
        ['小于等于100%', q('≤', 100, '%')],
        ['3天以内', q('≤', 3, '天')],
        ['10人以下', q('≤', 10, '人')],
        ['少于5次', q('<', 5, '次')],
        ['低于2%', q('<', 2, '%')],
        ['小于100%', q('<', 100, '%')],
        ['大于20家以上', q('>', 20, '家')] // says it twice; the stricter prefix stays
    ])('%s', (text, expected) => expectQuantity(text, expected));
});

describe('bare number, verb + number', () => {
    test.each<[string, Quantity]>([
        ['12条', q('=', 12, '条')],
        ['0次', q('=', 0, '次')],
        ['100%', q('=', 100, '%')],
        ['4', q('=', 4, null)],
        ['印2000本', q('=', 2000, '本')],
        ['编印3000本', q('=', 3000, '本')],
        ['购置新能源车辆1台', q('=', 1, '台')],
        ['采购验收合格率100%', q('=', 100, '%')],
        ['公众对科普工作满意度达95%', q('≥', 95, '%')],
        ['28,803.30', q('=', 28803.3, null)],
        ['1600平米', q('=', 1600, '平米')],
        ['10000字段', q('=', 10000, '字段')]
    ])('%s', (text, expected) => expectQuantity(text, expected));
});

describe('Chinese numerals', () => {
    test.each<[string, Quantity]>([
        ['一个', q('=', 1, '个')],
        ['两家', q('=', 2, '家')],
        ['十二场', q('=', 12, '场')],
        ['一百零五人', q('=', 105, '人')],
        ['十二', q('=', 12, null)],
        ['三万人次', q('=', 3, '万人次')],
        ['通过两家以上省级媒体广泛开展宣传', q('≥', 2, '家')],
        ['百分之九十五', q('=', 95, '%')],
        ['不低于二级', q('≥', 2, '级')] // with an operator a level compares
    ])('%s', (text, expected) => expectQuantity(text, expected));

    test('1个 and 一个 normalise to the same value (RULES §3.4 V4)', () => {
        expect(formatValue(parseValue('完成广州科学馆科普特效影院招标1个。'))).toBe(formatValue(parseValue('完成广州科学馆科普特效影院招标一个。')));
    });

    test('numerals inside words are not quantities', () => {
        expect(parseValue('一起开展宣传').kind).toBe('qualitative');
        expect(parseValue('培养一批青年人才').kind).toBe('qualitative');
        expect(parseValue('第九届代表大会').kind).toBe('qualitative');
    });
});

describe('magnitudes', () => {
    test('1.5万本: value 1.5, unit 万本 (the writer\'s scale is kept)', () => {
        expectQuantity('1.5万本', q('=', 1.5, '万本'));
        expectQuantity('青少年、农民、公务员领导干部读物各1.5万本', q('=', 1.5, '万本'));
    });

    test('a magnitude without a unit is the unit', () => {
        expectQuantity('不少于10万', q('≥', 10, '万'));
        expectQuantity('不少于130亿元', q('≥', 130, '亿元'));
    });

    test('20000+ means at least 20000', () => {
        expectQuantity('20000+', q('≥', 20000, null));
    });
});

describe('hedges', () => {
    test.each<[string, Quantity]>([
        ['约180卷', q('=', 180, '卷', { hedge: '约', approximate: true })],
        ['180卷左右', q('=', 180, '卷', { hedge: '左右', approximate: true })],
        ['70余场', q('>', 70, '场', { hedge: '余', approximate: true })],
        ['40余件', q('>', 40, '件', { hedge: '余', approximate: true })],
        ['1000多人', q('>', 1000, '人', { hedge: '多', approximate: true })],
        ['2万多平方米', q('>', 2, '万平方米', { hedge: '多', approximate: true })],
        ['近10000人', q('≤', 10000, '人', { hedge: '近', approximate: true })],
        ['约96.6亿', q('=', 96.6, '亿', { hedge: '约', approximate: true })],
        // an explicit operator wins over a hedge; a hedge wins over the weak 达到
        ['不少于约100人', q('≥', 100, '人', { hedge: '约', approximate: true })],
        ['在校生成数达到近10000人的规模', q('≤', 10000, '人', { hedge: '近', approximate: true })]
    ])('%s', (text, expected) => expectQuantity(text, expected));

    test('words ending in a hedge character are not hedges', () => {
        expectQuantity('签约5家', q('=', 5, '家'));
        expectQuantity('最近3年', q('=', 3, '年'));
    });
});

describe('time', () => {
    test('durations', () => {
        expectQuantity('一小时内', q('≤', 1, '小时'));
        expectQuantity('1小时内', q('≤', 1, '小时'));
        expectQuantity('故障报修响应速度1小时内', q('≤', 1, '小时'));
        expectQuantity('30分钟内', q('≤', 30, '分钟'));
    });

    test('frequencies', () => {
        expectQuantity('每月不少于1次', q('≥', 1, '次', { per: '月' }));
        expectQuantity('6场次/年', q('=', 6, '场次', { per: '年' }));
        expectQuantity('单场活动成本≤5万元/场', q('≤', 5, '万元', { per: '场' }));
    });

    test.each([
        ['2024-12-31', '≤', '2024-12-31', null],
        ['2024年12月31日', '≤', '2024-12-31', null],
        ['2024年12月31日前完成', '≤', '2024-12-31', null],
        ['完成时间：2024年6月30日', '≤', '2024-06-30', null],
        ['完成时间≤2024年12月31日', '≤', '2024-12-31', null],
        ['完成时间≤2024-12-31', '≤', '2024-12-31', null],
        ['≥2024-06-30', '≥', '2024-06-30', null],
        ['2024年底前', '≤', '2024-12-31', null],
        ['2024年12月底前', '≤', '2024-12-31', null],
        ['2024年2月', '≤', '2024-02-29', 'month only'],
        ['2024年', '≤', '2024-12-31', 'year only']
    ])('%s → date %s %s', (text, op, date, note) => {
        const v = parseValue(text);
        expect(v).toMatchObject({ kind: 'date', op, date });
        if (note) expect(v.kind === 'date' && v.note).toContain(note);
        else expect(v.kind === 'date' && v.note).toBeNull();
    });

    test('2024年12月前 → ≤ 2024-12-31 with a note that 「12月前」 is ambiguous', () => {
        const v = parseValue('2024年12月前');
        expect(v).toMatchObject({ kind: 'date', op: '≤', date: '2024-12-31' });
        expect(v.kind === 'date' && v.note).toMatch(/12月前.*ambiguous/);
    });

    test('本年内完成 / 12月前 need the budget year: qualitative without it, a date with it', () => {
        for (const text of ['本年内完成', '年内完成', '12月前']) {
            const v = parseValue(text);
            expect(v.kind, text).toBe('qualitative');
            expect(v.kind === 'qualitative' && v.reason, text).toMatch(/without a year/);
        }
        expect(parseValue('本年内完成', { year: 2024 })).toMatchObject({ kind: 'date', op: '≤', date: '2024-12-31' });
        const december = parseValue('12月前', { year: 2023 });
        expect(december).toMatchObject({ kind: 'date', date: '2023-12-31' });
        expect(december.kind === 'date' && december.note).toMatch(/ambiguous/);
    });

    test('a date that does not exist is unparsable', () => {
        expect(parseValue('2024年2月30日')).toMatchObject({ kind: 'unparsable', reason: expect.stringContaining('2024-02-30') });
        expect(parseValue('2023-13-01').kind).toBe('unparsable');
    });
});

describe('ranges', () => {
    test.each([
        ['80–90%', 80, 90, '%'],
        ['80%～90%', 80, 90, '%'],
        ['80~90%', 80, 90, '%'],
        ['3至5次', 3, 5, '次'],
        ['[80,90]', 80, 90, null],
        ['【1，5】个', 1, 5, '个']
    ])('%s', (text, min, max, unit) => {
        expect(parseValue(text)).toEqual({ original: text, kind: 'range', min, max, unit });
    });

    test('a reversed range or two units are unparsable', () => {
        expect(parseValue('90～80%')).toMatchObject({ kind: 'unparsable', reason: expect.stringContaining('greater') });
        expect(parseValue('1个～3次')).toMatchObject({ kind: 'unparsable', reason: expect.stringContaining('two units') });
    });

    test('a period of years is not a range', () => {
        expect(parseValue('2021-2025年').kind).not.toBe('range');
    });
});

describe('compound', () => {
    test('several quantities in one value', () => {
        expect(parseValue('科普咨询活动2次，受众1200人')).toMatchObject({
            kind: 'compound',
            parts: [q('=', 2, '次'), q('=', 1200, '人')]
        });
        expect(parseValue('12场次以上，1200人次以上')).toMatchObject({ kind: 'compound', parts: [q('≥', 12, '场次'), q('≥', 1200, '人次')] });
    });

    test('per-item counts keep their 每', () => {
        const v = parseValue('支持3期花城院士科技峰会，每期峰会参会院士人数不少于3人，每期峰会参会人数不少于100人。');
        expect(v).toMatchObject({ kind: 'compound', parts: [q('=', 3, '期'), q('≥', 3, '人', { per: '期' }), q('≥', 100, '人', { per: '期' })] });
    });

    test('titles, quotes, years and formulas hide their numbers', () => {
        const v = parseValue('《科学大求真》每周播出一期，全年50期。《科普一分钟》每天播出一期，全年360期');
        expect(v.kind === 'compound' && v.parts.map(formatQuantity)).toEqual(['1期/周', '50期', '1期/天', '360期']);
        expect(parseValue('全市公民具备科学素质的比例高于“十三五”17.4%')).toMatchObject({ kind: 'quantity', op: '>', value: 17.4, unit: '%' });
        expect(parseValue('对2019年至2021年建站的44家工作站开展联合攻关不少于10个')).toMatchObject({
            kind: 'compound',
            parts: [q('=', 44, '家'), q('≥', 10, '个')]
        });
        expect(parseValue('成本控制率(计算公式:实际成本/总成本*100%)').kind).toBe('qualitative');
    });
});

describe('qualitative', () => {
    test.each([
        ['二级', '二级'],
        ['2级', '二级'],
        ['等级保护级别：二级', '二级'],
        ['达到二级', '二级'], // 达 is not an operator strong enough to make a level a number
        ['档案考核达到优秀或良好', '优秀或良好'],
        ['评价等级不低于良好', '≥良好'],
        ['良好及以上', '≥良好'],
        ['评价等级≥良好（依据《…考核办法》）', '≥良好'],
        ['新购置的办公设备及办公家具验收合格', '合格'],
        ['垃圾分类达标', '达标'],
        ['达成年度指标', '达成年度指标']
    ])('%s names the grade %s', (text, grade) => {
        expect(parseValue(text)).toMatchObject({ kind: 'qualitative', grade, milestone: null });
    });

    test.each(['完成建筑正负零施工', '通过竣工验收', '印发《科普基地管理办法》', '系统上线运行'])('%s is a milestone', text => {
        expect(parseValue(text)).toMatchObject({ kind: 'qualitative', grade: null, milestone: text });
    });

    test.each([
        ['提升', '提升'],
        ['显著提升', '显著提升'],
        ['有效推动科技成果转化落地乃至产业化。', '有效推动'],
        ['符合', '符合'],
        ['及时', '及时'],
        ['长期', '长期'],
        ['合理安排2024年度办公设备及办公家具的购置', '合理安排'],
        ['为科协工作开展创设良好的舆论环境', '良好']
    ])('%s is vague (%s)', (text, word) => {
        const v = parseValue(text);
        expect(v).toMatchObject({ kind: 'qualitative', grade: null, milestone: null });
        expect(v.kind === 'qualitative' && v.reason).toContain(`「${word}」`);
    });

    test('a milestone verb does not rescue vague wording', () => {
        expect(parseValue('完成各项工作，有效推动发展')).toMatchObject({ milestone: null, reason: expect.stringContaining('有效推动') });
    });

    test('descriptive text without vague words still gets a reason', () => {
        const v = parseValue('属于政府采购范围内的应实施规范采购');
        expect(v).toMatchObject({ kind: 'qualitative', grade: null, milestone: null });
        expect(v.kind === 'qualitative' && v.reason).toMatch(/descriptive/);
    });

    test('保密项目 is a placeholder, not a finding', () => {
        expect(parseValue('保密项目')).toMatchObject({ kind: 'qualitative', reason: expect.stringContaining('exempt') });
    });
});

describe('unparsable', () => {
    test.each([
        ['每场参加人员不100人', '不100人'],
        ['技术经纪人培训2场，每场培训2天，每场参加人员不100人', '不少于 or 不超过'],
        ['≥90%以下', 'conflicting'],
        ['≥≤5', 'conflicting'],
        ['≠0', '≠'],
        ['≥ 场次', 'without a number'],
        ['@#$', 'not a value'],
        ['1'.repeat(400), 'too large']
    ])('%s', (text, reason) => {
        const v = parseValue(text);
        expect(v.kind).toBe('unparsable');
        expect(v.kind === 'unparsable' && v.reason).toContain(reason);
    });
});

describe('empty', () => {
    test.each(['', '   ', '\n\t', '<p></p>', '。'])('%j', text => {
        expect(parseValue(text)).toEqual({ original: text, kind: 'empty' });
    });
});

test('the original text is kept as written', () => {
    const text = ' ≥45 场次 ';
    expect(parseValue(text).original).toBe(text);
});

describe('formatQuantity / formatValue', () => {
    test.each([
        ['≥45 场次', '≥45场次'],
        ['≥90%', '≥90%'],
        ['95%及以上', '≥95%'],
        ['每月不少于1次', '≥1次/月'],
        ['约180卷', '约180卷'],
        ['70余场', '>70场'],
        ['12条', '12条'],
        ['28,803.30', '28803.3'],
        ['2024年12月前', '≤2024-12-31'],
        ['80%～90%', '80～90%'],
        ['二级及以上', '≥二级'],
        ['12场次以上，1200人次以上', '≥12场次；≥1200人次'],
        ['提升', '提升'],
        ['', '']
    ])('%s → %s', (text, canonical) => {
        expect(formatValue(parseValue(text))).toBe(canonical);
    });

    test('formatQuantity takes a date target too', () => {
        expect(formatQuantity({ op: '≤', date: '2024-12-31' })).toBe('≤2024-12-31');
        expect(formatQuantity(q('≥', 0.5, '万元'))).toBe('≥0.5万元');
    });

    test('canonical text parses back to the same value', () => {
        for (const text of ['≥45 场次', '不少于1000次', '3000万人次以上', '每月不少于1次', '<3起', '约180卷', '1.5万本', '≤5万元/场']) {
            const once = parseValue(text);
            const twice = parseValue(formatValue(once));
            expect({ ...twice, original: '' }, text).toEqual({ ...once, original: '' });
        }
    });
});
