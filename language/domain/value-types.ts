// The normalised form of a 指标值 (RULES §3.2, §3.3). Kept apart from the parser so helpers can share it.

export type Operator = '≥' | '≤' | '>' | '<' | '=';

/** 约/左右 read as =, 余/多 as >, 近 as ≤; all mark the number as approximate (RULES §3.2 "hedged"). */
export type Hedge = '约' | '左右' | '余' | '多' | '近';

export interface Quantity {
    op: Operator;
    value: number;
    unit: string | null;
    hedge: Hedge | null;
    /** The period or item a frequency counts per: 每月不少于1次 → per 月; 6场次/年 → per 年. */
    per: string | null;
    /** A hedge (约, 余 …) or a softener (力争, 原则上) made the number approximate. */
    approximate: boolean;
}

export interface DateTarget {
    op: Operator;
    /** YYYY-MM-DD */
    date: string;
    /** Why the date is an interpretation, e.g. that 「12月前」 is ambiguous; null when the text is exact. */
    note: string | null;
}

export type ValueBody =
    | { kind: 'empty' }
    | ({ kind: 'quantity' } & Quantity)
    | { kind: 'range'; min: number; max: number; unit: string | null }
    | ({ kind: 'date' } & DateTarget)
    /** One value holding several quantities (科普咨询活动2次，受众1200人). */
    | { kind: 'compound'; parts: Quantity[] }
    /** 定性: a grade on a scale, a verifiable milestone, or neither (then reason names what is missing). */
    | { kind: 'qualitative'; grade: string | null; milestone: string | null; reason: string }
    /**
     * Looks like a number was meant but the text is broken (每场参加人员不100人); reason says why. `range`: the text is
     * a range that cannot stand (10个-20场, 20-10场次), so its numbers are the two ends, not quantities of their own.
     */
    | { kind: 'unparsable'; reason: string; range?: true };

export type ParsedValue = { original: string } & ValueBody;

export type ValueKind = ValueBody['kind'];
