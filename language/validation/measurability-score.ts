// The share of 三级 indicators a reviewer can check at year end: the measurability score shown by the CLI
// (`jxmb check --summary`), the language server and the status bar.
import { AstUtils } from 'langium';
import { isIndicator, type Document, type Indicator } from '../generated/ast.js';
import type { ParsedValue } from '../domain/values.js';
import { inSecretProject } from './exemptions.js';
import { hasPlaceholder, valuesOf } from './values-context.js';

export interface MeasurabilityScore {
    /** 三级 indicators counted: all of them outside 保密 projects, those without a value included. */
    indicators: number;
    measurable: number;
    /** measurable / indicators, 0…1; 1 when there is no indicator (nothing is unmeasurable). */
    share: number;
}

/** A reading that states something checkable: a number, a range, a date, or a 定性 value with a grade or milestone. */
export function isMeasurableReading(parsed: ParsedValue): boolean {
    switch (parsed.kind) {
        case 'quantity':
        case 'range':
        case 'date':
        case 'compound':
            return true;
        case 'qualitative':
            return !!parsed.grade || !!parsed.milestone;
        default:
            return false;
    }
}

/**
 * Measurable when it has a value and every value it has (实施周期, 年度) is measurable. A missing value counts as not
 * measurable: leaving an indicator out of the denominator would reward leaving cells empty. A placeholder left by a
 * quick-fix is not a value yet.
 */
export function isMeasurableIndicator(indicator: Indicator): boolean {
    const values = valuesOf(indicator);
    return values.length > 0 && values.every(v => !hasPlaceholder(v.text) && isMeasurableReading(v.parsed));
}

export function measurabilityOf(document: Document): MeasurabilityScore {
    let indicators = 0;
    let measurable = 0;
    for (const indicator of AstUtils.streamAllContents(document).filter(isIndicator)) {
        // 保密 projects are exempt from every rule (RULES §1B): their placeholder indicator says nothing.
        if (inSecretProject(indicator)) continue;
        indicators++;
        if (isMeasurableIndicator(indicator)) measurable++;
    }
    return { indicators, measurable, share: indicators === 0 ? 1 : measurable / indicators };
}
