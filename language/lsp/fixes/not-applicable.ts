// Thrown by a fix that finds it cannot apply here (a block still without its closing brace, while the user types):
// the code-action provider offers no fix for it and logs nothing.
export class FixNotApplicable extends Error {}

/** Whether a block's source ends with its closing brace (after a syntax error the parser may end it early). */
export function isClosed(text: string, end: number): boolean {
    const last = text[end - 1];
    return last === '}' || last === '｝';
}
