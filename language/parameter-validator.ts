/**
 * The rules of template parameters and values files (docs/parameters.md#rules): a
 * parameter's default fits its type, a values file sets each parameter without a default
 * once with a value of its type, and a `${Name}` names a declared parameter.
 */
import type { AstNode, DiagnosticInfo, LangiumDocuments, ValidationAcceptor } from 'langium';
import { AstUtils, URI } from 'langium';
import type { Model, Parameter, ParameterValue } from './generated/ast.js';
import { importClosure } from './imports.js';
import type { IssueCode } from './issue-codes.js';
import { IssueCodes } from './issue-codes.js';
import { VALUES_EXTENSION, declaredParameters, mayHoldPlaceholder, parameterValueProblem, patternOf, placeholderNames } from './parameters.js';
import type { SetupResolver } from './setups.js';

/** The validator's reporter: a catalogue diagnostic with its code. */
export type Report = <N extends AstNode>(
    accept: ValidationAcceptor, code: IssueCode, message: string, info: Omit<DiagnosticInfo<N>, 'code' | 'codeDescription' | 'data'>
) => void;

export function isValuesFile(node: AstNode): boolean {
    return AstUtils.getDocument(node).uri.path.endsWith(VALUES_EXTENSION);
}

export class ParameterValidator {
    constructor(private readonly report: Report, private readonly documents: () => LangiumDocuments | undefined,
        private readonly setups: () => SetupResolver | undefined) {}

    checkParameter = (node: Parameter, accept: ValidationAcceptor): void => {
        if (isValuesFile(node)) {
            this.report(accept, IssueCodes.InvalidParameter,
                `A values file sets parameters ('set ${node.name ?? 'Name'} = "..."'); declare them with 'param' in the template.`, { node, keyword: 'param' });
            return;
        }
        if (node.pattern !== undefined && !patternOf(node.pattern)) {
            this.report(accept, IssueCodes.InvalidParameter, `"${node.pattern}" is not a valid regular expression.`, { node, property: 'pattern' });
        }
        const problem = node.default !== undefined && node.type ? parameterValueProblem(node, node.default) : undefined;
        if (problem) {
            this.report(accept, IssueCodes.InvalidParameter, `The default "${node.default}" ${problem}.`, { node, property: 'default' });
        }
    };

    checkParameterValue = (node: ParameterValue, accept: ValidationAcceptor): void => {
        if (!isValuesFile(node)) {
            this.report(accept, IssueCodes.InvalidParameterValue,
                `'set' belongs in a ${VALUES_EXTENSION} file; in a template, give the parameter a default instead.`, { node, keyword: 'set' });
            return;
        }
        const parameter = node.parameter?.ref;
        if (!parameter || typeof node.value !== 'string') return;
        const problem = parameterValueProblem(parameter, node.value);
        if (problem) {
            this.report(accept, IssueCodes.InvalidParameterValue,
                `"${node.value}" ${problem} (parameter ${parameter.name}: ${parameter.type}).`, { node, property: 'value' });
        }
    };

    checkModel = (model: Model, accept: ValidationAcceptor): void => {
        if (isValuesFile(model)) this.checkValuesFile(model, accept);
        else this.checkPlaceholders(model, accept);
    };

    /** A values file: only imports and `set` lines, each parameter once, every parameter without a default set. */
    private checkValuesFile(model: Model, accept: ValidationAcceptor): void {
        for (const statement of [...model.statements, ...model.network]) {
            this.report(accept, IssueCodes.InvalidParameterValue,
                `A values file holds only the template's import and 'set' lines; move this statement into the template.`, { node: statement });
        }
        const seen = new Set<string>();
        for (const set of model.values) {
            const name = set.parameter?.$refText;
            if (!name) continue;
            if (seen.has(name)) this.report(accept, IssueCodes.InvalidParameterValue, `${name} is set twice; keep one.`, { node: set, property: 'parameter' });
            seen.add(name);
        }
        const first = model.imports[0];
        if (!first) {
            this.report(accept, IssueCodes.InvalidParameterValue,
                `A values file starts with the import of the template file that declares its parameters: import "../template/params.voice".`, { node: model });
            return;
        }
        const documents = this.documents();
        if (!documents) return;
        const imported = [...importClosure(documents, AstUtils.getDocument(model).uri)]
            .map(uri => documents.getDocument(URI.parse(uri))?.parseResult.value as Model | undefined)
            .filter((m): m is Model => m !== undefined);
        const missing = [...declaredParameters(imported).values()].filter(p => p.default === undefined && !seen.has(p.name));
        if (missing.length > 0) {
            this.report(accept, IssueCodes.InvalidParameterValue,
                `No value for ${missing.map(p => `${p.name} (${p.type})`).join(', ')}: add 'set ${missing[0]!.name} = "..."'; ` +
                `only parameters with a default may be left out.`, { node: first, property: 'path' });
        }
    };

    /** A template: every `${Name}` in a string names a parameter of its setup or of a file it imports. */
    private checkPlaceholders(model: Model, accept: ValidationAcceptor): void {
        // Most files use no parameter: then no string of theirs can hold one.
        if (!mayHoldPlaceholder(AstUtils.getDocument(model).textDocument.getText())) return;
        const declared = this.visibleParameters(model);
        for (const node of AstUtils.streamAst(model)) {
            const record = node as AstNode & Record<string, unknown>;
            for (const [key, value] of Object.entries(record)) {
                if (key.startsWith('$') || node.$type === 'Parameter' || node.$type === 'ParameterValue') continue;
                const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter(v => typeof v === 'string') : [];
                texts.forEach((text, index) => {
                    for (const name of placeholderNames(text).filter(n => !declared.has(n))) {
                        this.report(accept, IssueCodes.UnknownParameter,
                            `\${${name}} names no parameter: declare it ('param ${name} string') in this setup or a file it imports.`,
                            { node, property: key as never, ...(Array.isArray(value) ? { index } : {}) });
                    }
                });
            }
        }
    };

    private visibleParameters(model: Model): Set<string> {
        const uri = AstUtils.getDocument(model).uri;
        const models: Model[] = [model];
        for (const setup of this.setups()?.setupsOf(uri) ?? []) models.push(...setup.models);
        const documents = this.documents();
        if (documents) {
            for (const imported of importClosure(documents, uri)) {
                const found = documents.getDocument(URI.parse(imported));
                if (found) models.push(found.parseResult.value as Model);
            }
        }
        return new Set(declaredParameters(models).keys());
    }
}
