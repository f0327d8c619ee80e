import type { ApiError } from '../protocol/api.js';

/** Every `error.type` the sandbox answers with. */
export type ApiErrorType =
  | 'authentication_error'
  | 'invalid_json'
  | 'invalid_request_error'
  | 'idempotency_error'
  | 'idempotency_in_progress'
  | 'not_found'
  | 'missing_token'
  | 'invalid_token'
  | 'session_expired'
  | 'session_closed'
  | 'too_many_attempts'
  | 'challenge_not_pending'
  | 'request_too_large'
  | 'test_mode_only'
  | 'rate_limited'
  | 'misdirected_request'
  | 'api_error';

export type ApiErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 421 | 429 | 500;

/** Thrown by handlers; the app turns it into `{"error": {...}}` with its status. */
export class ApiFailure extends Error {
  constructor(
    readonly status: ApiErrorStatus,
    readonly type: ApiErrorType,
    message: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  toJSON(): ApiError {
    return errorBody(this.type, this.message, this.param);
  }
}

export function errorBody(type: ApiErrorType, message: string, param?: string): ApiError {
  return { error: param === undefined ? { type, message } : { type, message, param } };
}

export const notFound = (message = 'No such resource.'): ApiFailure => new ApiFailure(404, 'not_found', message);
