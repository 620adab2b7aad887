// The pure modules take their translator as a parameter: vscode.l10n.t in the editor, `format` (the English keys)
// in tests. Keys are the English strings; l10n/bundle.l10n.zh-cn.json holds the Chinese.
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** `{0}`, `{1}` … replaced by the arguments, as vscode.l10n.t does without a bundle. */
export const format: Translate = (message, ...args) =>
    message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
