// Placeholder until the report issue lands.
import { UserError } from "../cli/errors.js";

export default async function report(): Promise<number> {
  throw new UserError("'afstem report' is nog niet beschikbaar");
}
