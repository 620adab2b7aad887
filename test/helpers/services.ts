import { EmptyFileSystem } from 'langium';
import { createJxmbServices, type JxmbServices } from '../../language/jxmb-module.js';

let services: JxmbServices | undefined;

/** One set of language services for a test file (building them costs more than most tests). */
export function jxmb(): JxmbServices {
    return services ??= createJxmbServices(EmptyFileSystem).Jxmb;
}
