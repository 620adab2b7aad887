/**
 * A value made on first use and kept: what start-up need not pay for (AJV validators: a server or `jxmb check`
 * that never compiles, imports nor drafts never compiles them).
 */
export function once<T>(make: () => T): () => T {
    let made: { value: T } | undefined;
    return () => (made ??= { value: make() }).value;
}
