/**
 * The plan pane's page script (bundled to out/webviews/plan-pane.js): the buttons and the
 * statement links send their message to the extension; an apply's progress marks each
 * object done or failed, with a count per setup step. The plan itself is the page's HTML.
 */
import type { FromPlanPane, ToPlanPane } from '../../shared/webview-messages.js';

declare function acquireVsCodeApi(): { postMessage(message: FromPlanPane): void };
const vscode = acquireVsCodeApi();

const button = (id: string): HTMLButtonElement => document.getElementById(id) as HTMLButtonElement;
const status = document.getElementById('status')!;
const progress = document.getElementById('progress') as HTMLProgressElement;
const applyEnabled = !button('apply').disabled;

button('plan').addEventListener('click', () => vscode.postMessage({ type: 'plan' }));
button('apply').addEventListener('click', () => vscode.postMessage({ type: 'apply' }));
button('cancel').addEventListener('click', () => vscode.postMessage({ type: 'cancel' }));
for (const link of Array.from(document.querySelectorAll<HTMLAnchorElement>('a.source'))) {
    link.addEventListener('click', event => {
        event.preventDefault();
        vscode.postMessage({ type: 'open', file: link.dataset.file!, line: Number(link.dataset.line) });
    });
}

function stepProgress(): void {
    for (const section of Array.from(document.querySelectorAll<HTMLElement>('section.step'))) {
        const finished = section.querySelectorAll('td.state.done').length;
        const failed = section.querySelectorAll('td.state.failed').length;
        const changing = Number(section.dataset.changing);
        const label = section.querySelector('.step-progress')!;
        if (changing > 0 && finished + failed > 0) label.textContent = `${finished} of ${changing} done${failed > 0 ? `, ${failed} failed` : ''}`;
    }
}

window.addEventListener('message', (event: MessageEvent<ToPlanPane>) => {
    const message = event.data;
    switch (message.type) {
        case 'busy': {
            const busy = message.what !== undefined;
            button('plan').disabled = busy;
            button('apply').disabled = busy || !applyEnabled;
            button('cancel').disabled = message.what !== 'applying';
            if (message.what === 'applying') progress.hidden = false;
            if (busy) status.textContent = message.what === 'planning' ? 'Planning…' : 'Applying…';
            break;
        }
        case 'step': {
            const row = Array.from(document.querySelectorAll<HTMLElement>('tr.change')).find(r => r.dataset.id === message.step);
            row?.querySelector('td.state')?.classList.add(message.state === 'failed' ? 'failed' : 'done');
            progress.value = document.querySelectorAll('td.state.done, td.state.failed').length;
            status.textContent = message.text;
            stepProgress();
            break;
        }
        case 'outcome':
            status.textContent = message.text;
            status.className = message.kind === 'done' ? '' : message.kind === 'failed' || message.kind === 'refused' ? 'error' : 'warning';
            // Applied, refused or stopped: this plan is spent; Plan again makes the next one.
            button('apply').disabled = true;
            break;
    }
});

const count = (selector: string): number => document.querySelectorAll(selector).length;
vscode.postMessage({
    type: 'rendered',
    counts: {
        create: count('tr.change.create'), update: count('tr.change.update'), unchanged: count('tr.change.unchanged'),
        notManaged: count('li.not-managed'), findings: count('li.finding'), steps: count('section.step')
    }
});
vscode.postMessage({ type: 'ready' });
