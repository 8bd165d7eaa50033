import { ApiProblem, fieldName, problemMessage } from "./problem";

/** Only the rough shape of an email; the server has the final word. */
export const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface FormLike {
  setErrors(errors: Record<string, string>): void;
  getValues(): object;
}

/**
 * Puts every field error of a validation problem on the matching form field at once.
 * Returns the message to show above the form, or null when every error found its field.
 */
export function applyProblemToForm(form: FormLike, error: unknown): string | null {
  if (!(error instanceof ApiProblem) || error.errors.length === 0) return problemMessage(error);
  const fields = new Set(Object.keys(form.getValues()));
  const placed: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const { path, message } of error.errors) {
    // "member_ids.2" belongs to the member_ids field.
    const full = fieldName(path);
    const name = fields.has(full) ? full : full.split(".")[0]!;
    if (!fields.has(name)) unplaced.push(full ? `${full}: ${message}` : message);
    else if (!placed[name]) placed[name] = message;
    else if (!placed[name].includes(message)) placed[name] = `${placed[name]} ${message}`;
  }
  form.setErrors(placed);
  if (unplaced.length > 0) return `${error.detail} ${unplaced.join("; ")}`;
  return Object.keys(placed).length > 0 ? null : error.detail;
}
