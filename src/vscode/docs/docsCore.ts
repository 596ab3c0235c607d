// The docs index, discovery and safe edits with their parsers (markdown-it, yaml), as one module
// loaded on first use. esbuild.config.mjs builds it as its own chunk (dist/docs-core.js), so
// activating Cadence neither loads nor evaluates the parsers.
export * from '../../core/docs/discovery';
export * from '../../core/docs/classify';
export * from '../../core/docs/edits';
export * from '../../core/docs/index';
export { numberFromFileName } from '../../core/docs/names';
export * from '../../core/docs/newRecord';
export { DocsWorkspace } from '../../core/docs/workspace';
