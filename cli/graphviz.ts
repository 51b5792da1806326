/**
 * Graphviz for `voice graph --format svg`, bundled on its own into out/graphviz.cjs
 * (esbuild.mjs): its inlined WebAssembly is 1.6 MB of JavaScript that every other command
 * would otherwise parse at start-up.
 */
export { instance } from '@viz-js/viz';
