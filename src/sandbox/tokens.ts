/// <reference types="node" />
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import { CHECKOUT_VARIANTS, PRESENTATION_MODES, type CheckoutVariant, type ClientTokenClaims, type PresentationMode } from '../protocol/api.js';

export type TokenCheck = { ok: true; claims: ClientTokenClaims } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Signs and verifies client tokens: HS256 JWTs whose issuer is the sandbox origin. The key is
 * random per sandbox instance, so a token from one run never works against another.
 */
export class TokenIssuer {
  private readonly key: Uint8Array;

  constructor(
    private readonly issuer: () => string,
    private readonly now: () => number,
    secret?: string,
  ) {
    this.key = secret === undefined ? new Uint8Array(randomBytes(32)) : new TextEncoder().encode(secret);
  }

  /**
   * A hosted session's token says so (`mode: 'hosted'`), so the SDK sends the customer to the
   * hosted page; an embedded session's token leaves `mode` out (absent means embedded).
   */
  sign(session: { id: string; variant: CheckoutVariant; mode: PresentationMode; expiresAt: number }): Promise<string> {
    const claims: Pick<ClientTokenClaims, 'sid' | 'variant' | 'mode' | 'env'> = {
      sid: session.id,
      variant: session.variant,
      ...(session.mode === 'hosted' && { mode: session.mode }),
      env: 'sandbox',
    };
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(this.issuer())
      .setIssuedAt(Math.floor(this.now() / 1000))
      .setExpirationTime(Math.floor(session.expiresAt / 1000))
      .setJti(randomUUID())
      .sign(this.key);
  }

  async verify(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.issuer(),
        typ: 'JWT',
        requiredClaims: ['sid', 'exp', 'iat', 'jti'],
        currentDate: new Date(this.now()),
      });
      const { iss, sid, variant, mode, env, exp, iat, jti } = payload;
      if (
        typeof iss !== 'string' ||
        typeof sid !== 'string' ||
        env !== 'sandbox' ||
        !CHECKOUT_VARIANTS.includes(variant as CheckoutVariant) ||
        (mode !== undefined && !PRESENTATION_MODES.includes(mode as PresentationMode)) ||
        typeof exp !== 'number' ||
        typeof iat !== 'number' ||
        typeof jti !== 'string'
      ) {
        return { ok: false, reason: 'invalid' };
      }
      const claims: ClientTokenClaims = { iss, sid, variant: variant as CheckoutVariant, env, exp, iat, jti };
      if (mode !== undefined) claims.mode = mode as PresentationMode;
      return { ok: true, claims };
    } catch (error) {
      return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}
