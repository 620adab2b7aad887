// Pinyin matching for completion: an IME user may type 数量, slzb or shuliang and expect 数量指标.
import type * as PinyinPro from 'pinyin-pro';

// pinyin-pro's dictionaries take ≈80 ms to load: not at start-up, but once the first documents are validated
// (completion-provider.ts), and in any case before the first completion uses them.
let library: typeof PinyinPro | undefined;
let loading: Promise<void> | undefined;

/** Loads pinyin-pro once; the functions below that read pinyin need it loaded. */
export function loadPinyin(): Promise<void> {
    return loading ??= import('pinyin-pro').then(loaded => { library = loaded; });
}

function pinyinPro(): typeof PinyinPro {
    if (!library) throw new Error('pinyin-pro is not loaded yet: await loadPinyin() first');
    return library;
}

export interface PinyinForms {
    /** slzb */
    initials: string;
    /** shuliangzhibiao */
    full: string;
}

const cache = new Map<string, PinyinForms>();

/** Initials and full pinyin of a text, ASCII letters only (brackets, digits and punctuation dropped). */
export function pinyinForms(text: string): PinyinForms {
    let forms = cache.get(text);
    if (!forms) {
        const letters = (parts: string[]) => parts.join('').toLowerCase().replace(/[^a-z]/g, '');
        const { pinyin } = pinyinPro();
        forms = {
            initials: letters(pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' })),
            full: letters(pinyin(text, { toneType: 'none', type: 'array', v: true }))
        };
        cache.set(text, forms);
    }
    return forms;
}

const HAN = /\p{Script=Han}/u;

/**
 * Whether `typed` (what stands before the cursor) asks for `text`: its beginning in characters, or in pinyin
 * (initials, full or mixed, any reading of a 多音字: 重大 by zd or cd). Fuzzy matching of Latin words stays with
 * Langium's matcher; this covers what it cannot.
 */
export function matchesPinyin(typed: string, text: string): boolean {
    if (typed.length === 0) return true;
    if (text.startsWith(typed)) return true;
    if (!/^[A-Za-z]+$/.test(typed) || !HAN.test(text)) return false;
    const { match } = pinyinPro();
    try {
        const hit = match(text, typed.toLowerCase(), { precision: 'start', continuous: true, v: true });
        return hit !== null && hit[0] === 0;
    } catch {
        return false;
    }
}

/** Where `typed` stands inside `text`, Latin letters in either case; -1 where it does not (an empty word: 0). */
export function insideAt(typed: string, text: string): number {
    const lower = (s: string) => s.replace(/[A-Z]/g, c => c.toLowerCase());
    return lower(text).indexOf(lower(typed));
}

/**
 * What the client filters on. VS Code matches the text between the edit's start and the cursor against filterText
 * itself (it never sees pinyin), so each key is followed by its initials and full pinyin, every form preceded by the
 * opening quote when the typed word starts with one.
 */
export function filterTextFor(keys: readonly string[], prefix = ''): string {
    const forms = keys.flatMap(key => {
        if (!HAN.test(key)) return [key];
        const { initials, full } = pinyinForms(key);
        return [key, initials, full];
    });
    return [...new Set(forms)].map(form => `${prefix}${form}`).join(' ');
}
