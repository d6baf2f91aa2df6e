/** A problem with the files given to a check: missing, unreadable, malformed or of an unknown kind. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
    Object.setPrototypeOf(this, InputError.prototype);
  }
}
