/**
 * Bodies of the webhook subscription API the sandbox takes (seed 004's `POST /webhooks`,
 * `PATCH /webhooks/{id}`, and the test hook `POST /test/webhooks`), defined once. Server-side
 * shapes: no browser bundle imports this file; the sandbox words the refusals (src/sandbox).
 */
import { array, check, nullable, object, optional, picklist, string, type Infer } from './schema.js';
import { SESSION_LIMITS, isLoopbackHost } from './sessions.js';

/** Events a webhook endpoint can subscribe to. */
export const WEBHOOK_EVENTS = ['payment_intent.created', 'payment_intent.status_updated', 'payment_session.status_updated'] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

/** Seed 004 lists it; the sandbox never sends it (no receipts). */
export const UNSUPPORTED_WEBHOOK_EVENTS = ['payment_intent.send-receipt'] as const;

/** Limits of a subscription, in characters. */
export const WEBHOOK_LIMITS = { description: 256, minSecret: 8, maxSecret: 256, events: WEBHOOK_EVENTS.length * 4 } as const;

/**
 * A webhook endpoint: https, or http on a loopback host (`localhost`, 127.0.0.0/8, `[::1]`) for
 * local development: seed 002 asks for HTTPS webhook endpoints.
 */
export function isWebhookUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

export const WebhookUrlSchema = check(string({ max: SESSION_LIMITS.url }), isWebhookUrl, 'webhook-url');
/** At least one event, each a known one. */
export const WebhookEventsSchema = check(array(picklist(WEBHOOK_EVENTS), WEBHOOK_LIMITS.events), (events) => events.length >= 1, 'empty');
const Description = optional(nullable(string({ max: WEBHOOK_LIMITS.description })));

/** Seed 004's subscription body: `{"events": [...], "url": "https://…"}`, and an optional `description`. */
export const SubscribeWebhookRequestSchema = object({ url: WebhookUrlSchema, events: WebhookEventsSchema, description: Description }, true);
export type SubscribeWebhookRequest = Infer<typeof SubscribeWebhookRequestSchema>;

/** `PATCH /webhooks/{id}`: any of the three. */
export const UpdateWebhookRequestSchema = object({ url: optional(WebhookUrlSchema), events: optional(WebhookEventsSchema), description: Description }, true);
export type UpdateWebhookRequest = Infer<typeof UpdateWebhookRequestSchema>;

/** `POST /test/webhooks`: a one-off endpoint with its own secret. */
export const TestWebhookRequestSchema = object(
  {
    url: WebhookUrlSchema,
    secret: string({ min: WEBHOOK_LIMITS.minSecret, max: WEBHOOK_LIMITS.maxSecret }),
    events: optional(WebhookEventsSchema),
  },
  true,
);
export type TestWebhookRequest = Infer<typeof TestWebhookRequestSchema>;

/** A body that takes no parameters: when present, an empty object. */
export const NoParametersSchema = object({}, true);
