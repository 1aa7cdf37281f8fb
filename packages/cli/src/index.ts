export { main, buildProgram } from './main.js';

export * from '@anneal/pipeline';
