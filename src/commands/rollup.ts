// Placeholder until the rollup issue lands.
import { UserError } from "../cli/errors.js";

export default async function rollup(): Promise<number> {
  throw new UserError("'afstem rollup' is nog niet beschikbaar");
}
