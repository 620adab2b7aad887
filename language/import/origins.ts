import type { SourceCell } from './source.js';

// Where each piece of an imported model came from: model object (a declaration, task, indicator, funds record …) and
// field → the source cell. The reviewer's report maps a diagnostic on the generated .jxmb back through this to the
// cell a person opens in the original (language/review/places.ts). Field '' stands for the object as a whole (an
// indicator: its name cell), the fallback for a diagnostic on the object rather than on one of its fields.

export interface Origin {
    cell: SourceCell;
    /** a part of the cell: 「第 3 项」 of a 项目支出 绩效指标 string */
    detail?: string;
}

export class Origins {
    private readonly map = new WeakMap<object, Map<string, Origin>>();

    /** Records the first cell given for a field; later ones (a label repeated after a page break) do not move it. */
    set(target: object | null | undefined, field: string, cell: SourceCell | undefined, detail?: string): void {
        if (!target || !cell) return;
        let fields = this.map.get(target);
        if (!fields) this.map.set(target, fields = new Map());
        if (!fields.has(field)) fields.set(field, detail === undefined ? { cell } : { cell, detail });
    }

    get(target: object | null | undefined, field = ''): Origin | undefined {
        return target ? this.map.get(target)?.get(field) : undefined;
    }
}
