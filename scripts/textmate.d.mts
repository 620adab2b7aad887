// Types for the tests of the TextMate grammar (scripts/textmate.mjs).
export const TEXTMATE_FILE: string;
export function textMateGrammar(grammarFile?: string): Promise<Record<string, unknown>>;
export function textMateText(): Promise<string>;
