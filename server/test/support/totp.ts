import { generate } from 'otplib';

/** The code an authenticator app shows for `secret` at `epochSeconds`. */
export function totpCode(secret: string, epochSeconds: number): Promise<string> {
  return generate({ secret, epoch: epochSeconds, period: 30 });
}
