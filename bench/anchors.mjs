// Where the benchmark edits and asks for completion: the same few 三级 indicators in the .jxmb text and in its YAML
// form, spread over the document (at ⅙, 2⁄6 … of it), each found by a name that occurs once in both texts.

/** The 三级 names of a .jxmb text in order (lines that start with a quoted string are indicators). */
export function indicatorNames(jxmbText) {
    const names = [];
    for (const match of jxmbText.matchAll(/^[ \t]+"([^"\n]+)"(?=[：:]| 实施周期| 年度)/gm)) names.push(match[1]);
    return names;
}

function occurrences(text, needle) {
    let count = 0;
    for (let i = text.indexOf(needle); i !== -1 && count < 2; i = text.indexOf(needle, i + 1)) count++;
    return count;
}

/**
 * Up to `count` anchors: per indicator, in each text, the offset inside its name where a character is typed
 * (after the name's first character) and the offset where completion is asked (the start of its line's content:
 * before the name in .jxmb, at the `name` key of the list item in YAML).
 */
export function findAnchors(jxmbText, yamlText, count = 5) {
    const names = indicatorNames(jxmbText);
    const anchors = [];
    for (let k = 1; k <= count; k++) {
        const wanted = Math.floor((names.length * k) / (count + 1));
        // Nearest name after the wanted position that is unique in both texts.
        for (let i = wanted; i < names.length; i++) {
            const name = names[i];
            const jxmbNeedle = `"${name}"`;
            const yamlNeedle = `name: ${name}\n`;
            if (anchors.some(a => a.name === name)) continue;
            if (occurrences(jxmbText, jxmbNeedle) !== 1 || (yamlText !== undefined && occurrences(yamlText, yamlNeedle) !== 1)) continue;
            const jxmbAt = jxmbText.indexOf(jxmbNeedle);
            const anchor = { name, jxmb: { edit: jxmbAt + 2, complete: jxmbAt } };
            if (yamlText !== undefined) {
                const yamlAt = yamlText.indexOf(yamlNeedle);
                anchor.yaml = { edit: yamlAt + 'name: '.length + 1, complete: yamlAt };
            }
            anchors.push(anchor);
            break;
        }
    }
    if (anchors.length === 0) throw new Error('no indicator name occurs once in both texts');
    return anchors;
}
