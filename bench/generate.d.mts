// Types for the tests that use the benchmark's generated declarations.
export function generateDeclaration(indicators: number, seed?: number, year?: number): { text: string; indicators: number; projects: number; tasks: number };
export function generateTypicalFile(seed: number, year?: number): { text: string };
