// Fixture of the browser-bundle check: a module that needs Node, reached through another file.
import { readFileSync } from 'node:fs';

export const readText = (file: string): string => readFileSync(file, 'utf8');
