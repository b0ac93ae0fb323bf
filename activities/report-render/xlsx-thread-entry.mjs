// Worker-thread entry: registers the TypeScript loader in this thread, then runs the xlsx writer.
import { register } from 'tsx/esm/api';

register();
await import('./xlsx-thread.ts');
