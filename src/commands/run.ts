// Placeholder until the run issue lands.
import { UserError } from "../cli/errors.js";

export default async function run(): Promise<number> {
  throw new UserError("'afstem run' is nog niet beschikbaar");
}
