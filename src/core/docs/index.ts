/**
 * The docs index, from one place: the DocsIndex (docsIndex.ts), its cross-file problems
 * (crossFile.ts), and filling it from a file system (load.ts).
 */
export { DocsIndex, type DocsIndexOptions, type Links } from './docsIndex';
export { type LoadOptions, indexFile, loadRoot, tooLargeNote } from './load';
