import type { Translation } from './translation.js';
import en from './en.js';

// The default English already follows British usage (postcode, expiry date).
const enGB: Translation = { ...en };

export default enGB;

export { hostCard, hostWallet, hostCheckout } from './en.js';
