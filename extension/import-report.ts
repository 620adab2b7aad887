// The 导入报告 output channel's entries. The time stamp is written as Chinese users write one, in local time, whatever
// locale the extension host runs in: its default (en-US in most builds) gave 「12/1/2026, 8:15:01 PM」.

const two = (n: number) => String(n).padStart(2, '0');

/** 2026-12-01 20:15:01 */
export function timestamp(date: Date): string {
    const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
    return `${day} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** 2026-12-01 20:15:01  seed.docx → seed.jxmb */
export function reportHeading(date: Date, table: string, destination: string): string {
    return `${timestamp(date)}  ${table} → ${destination}`;
}
