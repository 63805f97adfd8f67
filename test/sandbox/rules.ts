/**
 * The validation rules SendPortal applies to the writes the extension makes, with Laravel 8's semantics, so that the
 * sandbox refuses what the real server refuses (sources: test/contract/sources/sendportal.md, each rule by name).
 *
 * - `required`: absent, null, a blank string or an empty array fails.
 * - `boolean`: true, false, 0, 1, "0", "1".
 * - `required_unless:send_to_all,1`: Laravel compares the other field with "1" strictly when it is a boolean or null
 *   (`in_array($other, $values, is_bool($other) || is_null($other))`), so a JSON `true` is not "1" and the field is
 *   then required; a JSON `1` or `"1"` is (seen on a real SendPortal: `send_to_all: true, tags: []` answers 422).
 * - `exists` / `Rule::in`: the value must name a row of this workspace.
 */
import type { Rec } from './data';

export type Errors = Record<string, string[]>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isBlank = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
export const isBooleanLike = (v: unknown): boolean => v === true || v === false || v === 0 || v === 1 || v === '0' || v === '1';
const isIntegerLike = (v: unknown): boolean => (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v));
/** PHP's `in_array($other, ['1'], strict)`: strict for booleans and null, loose (numeric) otherwise. */
const isOne = (v: unknown): boolean => (typeof v === 'boolean' || v === null || v === undefined ? false : String(v).trim() === '1' || Number(v) === 1);

const words = (f: string) => f.replace(/_/g, ' ');

/** The workspace's rows the `exists` and `in` rules look in. */
export interface Workspace {
  tags: Rec[];
  templates: Rec[];
  emailServiceIds: number[];
}

/**
 * `Http/Requests/CampaignStoreRequest` (base) + `Http/Requests/Api/CampaignStoreRequest` (API), used by both
 * `POST /campaigns` and `PUT /campaigns/{id}` (the update adds `valid_status`: drafts only).
 */
export function campaignStoreErrors(b: Rec, ws: Workspace): Errors {
  const errors: Errors = {};
  const add = (f: string, m: string) => (errors[f] ??= []).push(m);
  for (const f of ['name', 'subject', 'from_name', 'from_email']) {
    if (isBlank(b[f])) add(f, `The ${words(f)} field is required.`);
    else if (String(b[f]).length > 255) add(f, `The ${words(f)} may not be greater than 255 characters.`);
  }
  if (!errors.from_email && !EMAIL.test(String(b.from_email))) add('from_email', 'The from email must be a valid email address.');
  if (isBlank(b.email_service_id)) add('email_service_id', 'Please select an email service.');
  else if (!isIntegerLike(b.email_service_id)) add('email_service_id', 'The email service id must be an integer.');
  else if (!ws.emailServiceIds.includes(Number(b.email_service_id))) add('email_service_id', 'The selected email service id is invalid.');
  if (!isBlank(b.template_id) && !ws.templates.some((t) => String(t.id) === String(b.template_id))) add('template_id', 'The selected template id is invalid.');
  if (isBlank(b.template_id) && isBlank(b.content)) add('content', 'The content field is required when template id is not present.');
  for (const f of ['is_open_tracking', 'is_click_tracking', 'save_as_draft']) {
    if (b[f] !== undefined && b[f] !== null && !isBooleanLike(b[f])) add(f, `The ${words(f)} field must be true or false.`);
  }
  if (isBlank(b.send_to_all)) add('send_to_all', 'The send to all field is required.');
  else if (!isBooleanLike(b.send_to_all)) add('send_to_all', 'The send to all field must be true or false.');
  if (!isOne(b.send_to_all) && isBlank(b.tags)) add('tags', 'The tags field is required unless send to all is in 1.');
  if (b.tags !== undefined && b.tags !== null) {
    if (!Array.isArray(b.tags)) add('tags', 'The tags must be an array.');
    else if (b.tags.some((t) => !isIntegerLike(t))) add('tags', 'The tags.* must be an integer.');
    else if (b.tags.some((t) => !ws.tags.some((x) => String(x.id) === String(t)))) add('tags', 'One or more of the tags is invalid.');
  }
  if (isBlank(b.scheduled_at)) add('scheduled_at', 'The scheduled at field is required.');
  else if (typeof b.scheduled_at !== 'string' || Number.isNaN(Date.parse(b.scheduled_at.replace(' ', 'T')))) add('scheduled_at', 'The scheduled at is not a valid date.');
  return errors;
}

/** How the model keeps what the rules let through: `send_to_all` and the flags cast to booleans. */
export const asBoolean = (v: unknown): boolean => v === true || v === 1 || v === '1';

/**
 * `Http/Requests/Api/TemplateStoreRequest`: name required, at most 255, unique in the workspace ("The template name
 * must be unique."); content required. `TemplateUpdateRequest` scopes its unique rule to a route parameter the v2 API
 * does not have, so a rename to a taken name passes (seen: two templates named "Default").
 */
export function templateErrors(b: Rec, templates: Rec[], creating: boolean): Errors {
  const errors: Errors = {};
  if (isBlank(b.name)) errors.name = ['The name field is required.'];
  else if (typeof b.name !== 'string' || b.name.length > 255) errors.name = ['The name may not be greater than 255 characters.'];
  else if (creating && templates.some((t) => t.name === b.name)) errors.name = ['The template name must be unique.'];
  if (isBlank(b.content)) errors.content = ['The content field is required.'];
  return errors;
}
