// Types for the tests that build texts with the benchmark's hostile shapes.
export function project(parts: { value?: string; goal?: string; rows?: string }): string;
