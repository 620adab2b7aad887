// Types for the tests that type lines as VS Code does.
export function typingEdits(at: number, line: string, back?: number): { at: number; remove: number; insert: string }[];
