import type { BilingualText } from "../../core/types";

/** The input cannot be used at all (exit code 2): missing, corrupt, wrong format, no customer sheet. */
export class InputError extends Error {
  constructor(readonly text: BilingualText) {
    super(`${text.zh} / ${text.en}`);
    this.name = "InputError";
  }
}
