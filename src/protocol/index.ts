export * from './card.js';
export * from './messages.js';
export * from './api.js';
export * from './style-policy.js';
export * from './css-allowlist.js';
export * from './port.js';
export * from './checkout.js';
export * from './customer.js';
