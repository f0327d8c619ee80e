// The only glue: Vue learns the tags, their props and events.
import '@momentpay/elements/vue';
