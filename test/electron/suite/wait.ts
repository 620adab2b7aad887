// Polling for the electron suite (no test framework there: @vscode/test-electron runs `run()` in the extension host).

export const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/** Resolves with the first truthy value of `probe`, or rejects naming `what` after `ms`. */
export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 60_000): Promise<T> {
    const deadline = Date.now() + ms;
    let last: unknown;
    for (;;) {
        try {
            const value = await probe();
            if (value) return value;
        } catch (error) {
            last = error;
        }
        if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}${last ? ` (${String(last)})` : ''}`);
        await sleep(250);
    }
}
