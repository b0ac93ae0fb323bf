// Worker-thread entry: registers the TypeScript loader in this thread, then runs the parse thread.
import { register } from 'tsx/esm/api';

register();
await import('./parse-thread.ts');
