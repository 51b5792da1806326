/**
 * Graphviz for the visualizer's layout: esbuild.mjs resolves this module to out/graphviz.cjs,
 * the bundle `voice graph --format svg` loads too, so the server does not parse its 1.6 MB
 * of inlined WebAssembly until a picture is asked for.
 */
export { instance } from '@viz-js/viz';
