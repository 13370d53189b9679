/** One process of the Node load generator (http-load.ts): loads the target given as JSON and prints its result. */
import { load } from "./load";

const result = await load(JSON.parse(process.argv[2]!));
process.stdout.write(JSON.stringify({ perSecond: result.perSecond, errors: result.errors }));
