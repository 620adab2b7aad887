// The build step of the data files: scripts/data-plugin.mjs (esbuild) and vitest.config.ts (the tests) call this for
// each `import data from './data/x.yaml?data'`, and the bundle carries the result as JSON. A server or CLI starting up
// therefore neither parses YAML nor compiles a schema; a broken file fails the build, or the tests, with the
// DataFileError message naming file and path.
import { loadDataFile, DataFileError } from './data-file.js';
import { dataSchemas } from './data-schemas.js';

/** `file` as messages name it (language/domain/data/units.yaml); its last part chooses the schema. */
export function checkDataFile(file: string, text: string): unknown {
    const schema = dataSchemas[file.slice(file.lastIndexOf('/') + 1)];
    if (!schema) throw new DataFileError(file, '', `no schema for this file (known: ${Object.keys(dataSchemas).join(', ')})`);
    return loadDataFile(file, text, schema);
}

export { DataFileError };
