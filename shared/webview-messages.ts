/**
 * Messages between the extension and its scripted webviews (client/webviews/): the setup
 * visualizer and the plan pane. Types only; both sides import them.
 */
import type { GraphResult } from './protocol.js';

/** Extension → visualizer: a picture to show (the server's `voice/graph` answer, without the links). */
export interface VisualizerShow {
    type: 'graph';
    setup: string;
    graph: Omit<GraphResult, 'links'>;
}

/** Extension → visualizer, for tests: click the node with this id, as a user would. */
export interface VisualizerClick {
    type: 'click';
    id: string;
}

export type ToVisualizer = VisualizerShow | VisualizerClick;

/** Visualizer → extension. rendered: what the page's DOM now draws (counted from it); open: go to a node's statement; filter: draw what is named like this. */
export type FromVisualizer =
    | { type: 'ready' }
    | { type: 'rendered'; nodes: number; edges: number; view: GraphResult['view'] }
    | { type: 'open'; id: string }
    | { type: 'filter'; text: string };

/** Plan pane → extension. */
export type FromPlanPane =
    | { type: 'ready' }
    | { type: 'plan' }
    | { type: 'apply' }
    | { type: 'cancel' }
    | { type: 'open'; file: string; line: number }
    /** What the page's DOM shows, counted from it (tests read it). */
    | { type: 'rendered'; counts: Record<string, number> };

/** Extension → plan pane: the state of an apply under way (the page itself is rebuilt for each plan). */
export type ToPlanPane =
    | { type: 'busy'; what: 'planning' | 'applying' | undefined }
    | { type: 'step'; step: string; state: 'running' | 'done' | 'failed'; text: string }
    | { type: 'outcome'; text: string; kind: 'done' | 'stopped' | 'refused' | 'failed' };
