// copies non-TS assets (migrations) next to the compiled code
import { cpSync, existsSync } from 'node:fs';
if (existsSync('libs/db/migrations')) cpSync('libs/db/migrations', 'dist/libs/db/migrations', { recursive: true });
