/** Access tokens are ours and for this API only: a token signed for another audience is refused. */
export const TOKEN_ISSUER = 'nuancheng';
export const TOKEN_AUDIENCE = 'nuancheng-api';

export interface AccessTokenPayload {
  sub: string;
  /** The session it belongs to. */
  sid: string;
}
