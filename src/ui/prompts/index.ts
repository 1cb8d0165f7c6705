// afstem's prompts on @inquirer/core: select, checkbox, confirm and input (see common.ts for why
// they are not the stock ones).
export { optionByNumber, type Choice, type StatusLine } from "./common.js";
export { selectPrompt } from "./select.js";
export { checkboxPrompt } from "./checkbox.js";
export { confirmPrompt } from "./confirm.js";
export { inputPrompt, takeUnsent } from "./input.js";
