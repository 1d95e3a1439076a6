import { addressOf } from './address.ts';
import type {
  confirmTotp,
  forgotPassword,
  login,
  logout,
  me,
  session,
  setPassword,
  setupTotp,
  verifyTotp,
} from './auth.ts';
import type { clinicConfig, signInPage } from './clinic-config.ts';
import type { ssoProvider } from './sso.ts';

/** The routes the sign-in page and the app's first load call, by address (see address.ts). */
export const SIGN_IN_ROUTES = {
  signInPage: addressOf<typeof signInPage>('get', '/api/sign-in-page'),
  session: addressOf<typeof session>('get', '/api/session'),
  me: addressOf<typeof me>('get', '/api/me'),
  login: addressOf<typeof login>('post', '/api/auth/login'),
  logout: addressOf<typeof logout>('post', '/api/auth/logout'),
  verifyTotp: addressOf<typeof verifyTotp>('post', '/api/auth/totp/verify'),
  setupTotp: addressOf<typeof setupTotp>('post', '/api/auth/totp/setup'),
  confirmTotp: addressOf<typeof confirmTotp>('post', '/api/auth/totp/confirm'),
  setPassword: addressOf<typeof setPassword>('post', '/api/auth/set-password'),
  forgotPassword: addressOf<typeof forgotPassword>('post', '/api/auth/forgot-password'),
  ssoProvider: addressOf<typeof ssoProvider>('get', '/api/auth/oidc'),
  clinicConfig: addressOf<typeof clinicConfig>('get', '/api/config'),
} as const;
