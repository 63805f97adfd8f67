/** What a newsletter written in the editor asks of a service: a draft campaign, and SendPortal's templates. */

/** A SendPortal email template: the layout campaigns are written into (`{{content}}` marks where). */
export interface Template {
  id: string;
  name: string;
  html?: string;
  updatedAt?: string;
  raw: Record<string, unknown>;
}

/** A template to create (no id) or to change. */
export interface TemplateInput {
  id?: string;
  name: string;
  html: string;
}

/** A draft campaign as a newsletter file describes it, with names already resolved to the service's ids. */
export interface DraftInput {
  /** The campaign's name in the service's lists. */
  title: string;
  subject: string;
  /** Sender only: the preview text. */
  preheader?: string;
  fromName: string;
  fromEmail: string;
  /** Sender only (its `reply_to`, the sending address); the from address when not given. */
  replyTo?: string;
  /** Everyone (SendPortal's send_to_all), or the lists below. */
  toAll: boolean;
  /** Sender groups or SendPortal tags, by id. */
  lists: string[];
  /** Sender segments, by id. */
  segments?: string[];
  /** The email's HTML (SendPortal: what goes into the template's `{{content}}`). */
  html: string;
  /** SendPortal: the template it is written into (null: none). */
  templateId?: string | null;
  /** SendPortal: the email service it goes out through (required by its API). */
  emailServiceId?: string;
}
