/**
 * The input cannot be imported at all (binary, empty, truncated, a table of another kind). The CLI prints the message
 * on one line and exits with status 2, writing nothing.
 */
export class ImportError extends Error {
    constructor(message: string, options?: { cause?: unknown }) {
        super(message, options);
        this.name = 'ImportError';
    }
}
