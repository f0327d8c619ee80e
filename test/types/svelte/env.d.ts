// The only glue: Svelte learns the tags, their props and events.
import '@momentpay/elements/svelte';
