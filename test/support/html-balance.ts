/**
 * A small well-formedness check for the HTML the tool writes: one doctype, every element
 * other than the void ones closed in order, attributes quoted, no stray `<` or `>` in text.
 * Enough to catch an unescaped value or a broken template, without an HTML parser dependency.
 */
const VOID = new Set(['meta', 'br', 'hr', 'img', 'link', 'input', 'col', 'area', 'base', 'wbr', 'source', 'track']);

export function htmlProblems(html: string): string[] {
    const problems: string[] = [];
    if (!html.startsWith('<!DOCTYPE html>')) problems.push('no <!DOCTYPE html> first');
    const stack: string[] = [];
    const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:="[^"]*")?)*)\s*(\/?)>|<!DOCTYPE html>/g;
    let last = 0;
    for (let match = tag.exec(html); match; match = tag.exec(html)) {
        const text = html.slice(last, match.index);
        if (/[<>]/.test(text)) problems.push(`stray < or > in text: ${JSON.stringify(text.slice(0, 80))}`);
        last = tag.lastIndex;
        if (match[0] === '<!DOCTYPE html>') continue;
        const [, closing, rawName] = match;
        const name = rawName!.toLowerCase();
        // Style content is CSS, with no markup of its own.
        if (name === 'style' && !closing) {
            const end = html.indexOf('</style>', tag.lastIndex);
            if (end < 0) problems.push('unclosed <style>');
            tag.lastIndex = last = end < 0 ? html.length : end;
            stack.push(name);
            continue;
        }
        if (VOID.has(name)) continue;
        if (!closing) stack.push(name);
        else if (stack.pop() !== name) problems.push(`</${name}> closes something else`);
    }
    if (/[<>]/.test(html.slice(last))) problems.push('stray < or > after the last tag');
    if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
    return problems;
}
