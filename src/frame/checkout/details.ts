/**
 * The customer details a session collects (email, billing and shipping address, with the country
 * list): a chunk beside the checkout bundle, loaded only for a session that asks for them.
 */
export { CollectedForm } from './checkout-form.js';
export { buildAdditionalInfo, collectedFields } from './collect.js';
