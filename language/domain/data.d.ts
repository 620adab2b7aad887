// `import data from './data/x.yaml?data'`: the file parsed and checked against its schema when the bundle is built
// (language/domain/data-check.ts); the loader gives it its type and runs the checks a schema cannot express.
declare module '*?data' {
    const data: unknown;
    export default data;
}
