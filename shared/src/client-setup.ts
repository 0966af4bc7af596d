import { validateWithoutEval } from './zod-runtime.js';

// Its own module, imported first by client.ts: imports run in order, before the importing module's
// body, so a call in client.ts itself would come after the schemas' modules had already run (and
// zod, on a first parse there, had already probed for eval).
validateWithoutEval();
