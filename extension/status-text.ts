import type { DocumentSummary } from '../language/validation/summary.js';
import type { Translate } from './translate.js';

// What the status bar says about the active .jxmb file: how much of it can be measured, how many errors it has.

export interface StatusText {
    text: string;
    tooltip: string;
    /** for screen readers: the text without icons */
    label: string;
    hasErrors: boolean;
}

export function statusText(summary: DocumentSummary, t: Translate): StatusText {
    const percent = Math.round(summary.share * 100);
    const score = summary.indicators === 0 ? t('No indicators') : t('Measurable {0}%', percent);
    const errors = t('{0} errors', summary.errors);
    const tooltipLines = [
        summary.indicators === 0
            ? t('No 三级 indicators yet.')
            : t('Measurable 三级 indicators: {0} of {1} ({2}%).', summary.measurable, summary.indicators, percent),
        t('Errors {0}, warnings {1}, infos {2}.', summary.errors, summary.warnings, summary.infos),
        t('Click to open the Problems panel.')
    ];
    return {
        text: `$(checklist) ${score}  $(error) ${summary.errors}`,
        tooltip: tooltipLines.join('\n'),
        label: `${score}, ${errors}`,
        hasErrors: summary.errors > 0
    };
}
