// Data files (YAML) are bundled as text: Vite/Vitest understand `?raw`, and scripts/build.mjs teaches esbuild.
declare module '*?raw' {
    const text: string;
    export default text;
}
