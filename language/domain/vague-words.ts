// Vague 指标值 wording and its measurable rewrites (RULES §4), looked up in text.
import data from './data/vague-words.yaml?data';
import { DataFileError, loadDataFile } from './data-file.js';
import { vagueWordsSchema, type SOURCE_TAGS, type VAGUE_KINDS } from './data-schemas.js';

export type VagueKind = (typeof VAGUE_KINDS)[number];
/** RULES §0 provenance tags, without brackets. */
export type SourceTag = (typeof SOURCE_TAGS)[number];

export interface VagueRewrite {
    /** 二级 codes the rewrite is for, or 'any'. */
    l2: readonly string[] | 'any';
    /** With the RULES placeholders X (number), B (baseline), D (date), N/Y (numbers). */
    patterns: readonly string[];
    examples: readonly string[];
    note: string | null;
    tag: SourceTag;
}

export interface VagueEntry {
    id: string;
    kind: VagueKind;
    words: readonly string[];
    patterns: readonly string[];
    except: readonly string[];
    seen: string | null;
    note: string | null;
    tag: SourceTag;
    rewrites: readonly VagueRewrite[];
}

export interface VagueMatch {
    /** The matched text. */
    word: string;
    start: number;
    end: number;
    entry: VagueEntry;
}

export const VAGUE_WORDS_FILE = 'language/domain/data/vague-words.yaml';
/** The hedge entry of words that make a target a wish (力争, 原则上): the parser marks its numbers approximate. */
export const SOFT_TARGET = 'soft-target';

type RawEntry = Partial<Omit<VagueEntry, 'rewrites'>> & Pick<VagueEntry, 'id' | 'kind' | 'tag'> & {
    rewrites: Array<Partial<VagueRewrite> & Pick<VagueRewrite, 'l2' | 'patterns' | 'tag'>>;
};

interface CompiledEntry {
    entry: VagueEntry;
    /** One expression for the literal words, one per pattern: overlaps are resolved across all of them. */
    matchers: RegExp[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Parses and checks a vague-word file. Exported for tests; the rest of the code uses the functions below. */
export function parseVagueWords(yamlText: string, file = VAGUE_WORDS_FILE): VagueEntry[] {
    return entriesOf(loadDataFile<{ entries: RawEntry[] }>(file, yamlText, vagueWordsSchema), file);
}

/** The entries of schema-checked data, with the checks a schema cannot express. */
function entriesOf(raw: { entries: RawEntry[] }, file: string): VagueEntry[] {
    const ids = new Set<string>();
    return raw.entries.map((e, i) => {
        if (ids.has(e.id)) throw new DataFileError(file, `entries[${i}].id`, `duplicate id ${e.id}`);
        ids.add(e.id);
        // An entry must match something (checked here: Ajv's strict mode rejects required inside anyOf).
        if (!e.words?.length && !e.patterns?.length) throw new DataFileError(file, `entries[${i}]`, 'needs words or patterns');
        (e.patterns ?? []).forEach((p, j) => checkPattern(file, `entries[${i}].patterns[${j}]`, p));
        return {
            id: e.id,
            kind: e.kind,
            words: e.words ?? [],
            patterns: e.patterns ?? [],
            except: e.except ?? [],
            seen: e.seen ?? null,
            note: e.note ?? null,
            tag: e.tag,
            rewrites: e.rewrites.map(r => ({ l2: r.l2, patterns: r.patterns, examples: r.examples ?? [], note: r.note ?? null, tag: r.tag }))
        };
    });
}

// Patterns must compile, and must not capture: matches are read from the whole match only.
function checkPattern(file: string, path: string, pattern: string): void {
    let groups: number;
    try {
        groups = new RegExp(`${pattern}|`).exec('')!.length - 1;
    } catch (error) {
        throw new DataFileError(file, path, `invalid regular expression: ${(error as Error).message}`);
    }
    if (groups > 0) throw new DataFileError(file, path, 'use (?:…) instead of capturing groups');
}

function compile(entry: VagueEntry): CompiledEntry {
    const words = [...entry.words].sort((a, b) => b.length - a.length).map(escape);
    const sources = [...(words.length ? [words.join('|')] : []), ...entry.patterns];
    return { entry, matchers: sources.map(source => new RegExp(source, 'g')) };
}

// Parsed and checked against the schema when the bundle was built (data-check.ts).
const entries = entriesOf(data as { entries: RawEntry[] }, VAGUE_WORDS_FILE);
const compiled = entries.map(compile);

// One test on the soft-target entry alone: every value with a number asks it, few have one.
const softTarget = new RegExp(compiled.find(c => c.entry.id === SOFT_TARGET)!.matchers.map(m => m.source).join('|'));

/** Whether the text holds a softener of the soft-target entry (力争, 原则上 …). */
export const hasSoftTarget = (text: string): boolean => softTarget.test(text);

export function vagueEntries(): readonly VagueEntry[] {
    return entries;
}

const DEFAULT_KINDS: readonly VagueKind[] = ['vague', 'deadline', 'hedge'];

// 「提升2%」, 「增强≥5%」: a number right after a vague verb makes the phrase measurable. A year does not
// (合理安排2024年度…), nor does a Chinese numeral, which is usually part of a word (推动两新组织).
const FOLLOWED_BY_NUMBER = /^(?:了|至|到|达到|达|约|≥|>|不少于|不低于|超过)?(?:(?!(?:19|20)\d{2}年)[0-9]|百分之)/;

/**
 * Vague wording in `text`, leftmost-longest and without overlaps. By default only the kinds a check should flag
 * (vague, deadline, hedge); `l2` keeps entries with a rewrite for that 二级 code.
 */
export function findVagueWords(input: string, options: { kinds?: readonly VagueKind[]; l2?: string } = {}): VagueMatch[] {
    const kinds = options.kinds ?? DEFAULT_KINDS;
    const all: VagueMatch[] = [];
    for (const { entry, matchers } of compiled) {
        if (!kinds.includes(entry.kind)) continue;
        if (options.l2 && !entry.rewrites.some(r => r.l2 === 'any' || r.l2.includes(options.l2!))) continue;
        for (const m of matchers.flatMap(matcher => [...input.matchAll(matcher)])) {
            if (!m[0]) continue;
            const start = m.index;
            const end = start + m[0].length;
            if (entry.except.some(word => input.startsWith(word, start))) continue;
            if (entry.kind === 'vague' && FOLLOWED_BY_NUMBER.test(input.slice(end, end + 6))) continue;
            all.push({ word: m[0], start, end, entry });
        }
    }
    all.sort((a, b) => a.start - b.start || b.end - a.end);
    const result: VagueMatch[] = [];
    let reached = 0;
    for (const match of all) {
        if (match.start < reached) continue;
        result.push(match);
        reached = match.end;
    }
    return result;
}

/** The rewrites of an entry that apply to a 二级 code. */
export function rewritesFor(entry: VagueEntry, l2: string): VagueRewrite[] {
    return entry.rewrites.filter(r => r.l2 === 'any' || r.l2.includes(l2));
}
