// Process entry of the youzhi command (bin/youzhi.js loads the compiled copy).
import { runCli } from './main.js';

const args = process.argv.slice(2);
const code = await runCli(args);
if (args.length > 0 && args[0] !== 'serve') process.exit(code);
else if (code !== 0) process.exit(code);
