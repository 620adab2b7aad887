import { describe, expect, test } from 'vitest';
import { findPromises } from '../../language/domain/promises.js';
import { matchPromise, type Match, type Measure } from '../../language/validation/text-consistency-match.js';

// A long list of measures is looked up by character pair: the answer must be the one a full reading gives (the
// first-written of equally similar indicators; a contradiction where no same number matches).

const measure = (name: string, value: string, ref: number): Measure<number> =>
    ({ promise: findPromises(`${name}${value}`)[0]!, name, single: true, ref });

describe('matchPromise on a long list', () => {
    const filler = Array.from({ length: 200 }, (_, i) => measure(`编号${i}号仓库盘点批次`, `${i + 1}批`, i));
    const long = [...filler.slice(0, 100), measure('举办科普讲座场次', '不少于12场次', 1000), ...filler.slice(100, 150),
        measure('举办科普讲座的场次', '不少于12场次', 1001), measure('举办科普讲座场次', '不少于30场次', 1002), ...filler.slice(150)];

    test('the same answer as on the short list of its candidates (ties to the first written)', () => {
        const [p] = findPromises('举办科普讲座不少于12场次');
        const onLong = matchPromise(p!, long);
        const onShort = matchPromise(p!, long.filter(m => m.ref >= 1000));
        expect(onLong.kind).toBe('measured');
        expect(onLong.kind === 'measured' && onLong.measure.ref).toBe(1000);
        expect(onLong).toEqual(onShort);
    });

    test('a different number contradicts; nothing in common is unmeasured', () => {
        const [p] = findPromises('举办科普讲座不少于20场次');
        const m = matchPromise(p!, long);
        expect(m.kind === 'contradicted' && m.measure.ref).toBe(1000);
        expect(matchPromise(findPromises('发放宣传册不少于500份')[0]!, long)).toEqual({ kind: 'unmeasured' });
    });
});

// The index leaves out measures whose unit cannot compare and those sharing too few pairs to reach a threshold: for
// lists of every kind the answer must be what reading the list in short pieces (no index) gives.
describe('matchPromise on long lists, against reading them in pieces', () => {
    const WORDS = ['科普', '讲座', '培训', '企业', '走访', '志愿', '活动', '文章', '发布', '基地', '学术', '交流', '会员', '服务'];
    const UNITS = ['场次', '次', '场', '人', '名', '人次', '万人次', '个', '项', '家', '篇', '%', '万元'];
    const PERS = ['', '', '', '每月'];
    let seed = 7;
    const random = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const pick = <T>(list: readonly T[]) => list[random(list.length)]!;
    const subject = () => Array.from({ length: 1 + random(3) }, () => pick(WORDS)).join('');
    const quantity = () => `${pick(PERS)}不少于${1 + random(6)}${pick(UNITS)}`;

    /** What the list read whole says: the most similar same number, else the most similar contradiction (first on ties). */
    function inPieces(p: Parameters<typeof matchPromise>[0], list: Array<Measure<number>>, confirmed: Set<Measure<number>>) {
        const answers: Array<Match<number>> = [];
        for (let i = 0; i < list.length; i += 50) answers.push(matchPromise(p, list.slice(i, i + 50), confirmed));
        const best = (kind: 'measured' | 'contradicted') => answers
            .flatMap(a => a.kind === kind ? [a] : [])
            .reduce<Match<number> | undefined>((b, a) => !b || (b.kind !== 'unmeasured' && a.similarity > b.similarity) ? a : b, undefined);
        return best('measured') ?? best('contradicted') ?? { kind: 'unmeasured' };
    }

    test('the same answer for 300 promises against lists of 200 measures', () => {
        for (let round = 0; round < 6; round++) {
            const list = Array.from({ length: 200 }, (_, i) => {
                const name = subject();
                return { ...measure(name, quantity(), i), single: random(4) !== 0 };
            }).filter(m => m.promise !== undefined);
            const confirmed = new Set(list.filter(() => random(5) === 0));
            for (let k = 0; k < 50; k++) {
                const [p] = findPromises(`${subject()}${quantity()}`);
                if (!p) continue;
                expect(matchPromise(p, list, confirmed)).toEqual(inPieces(p, list, confirmed));
            }
        }
    });
});
