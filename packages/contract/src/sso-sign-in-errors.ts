/**
 * Why a sign-in through the provider was refused: the callback redirects to the app with
 * `?sso_error=CODE` (a browser navigation, not a JSON answer), and the sign-in page says this. Apart
 * from the schemas so the sign-in page loads without zod.
 */
export const SSO_SIGN_IN_ERRORS = {
  SSO_NO_ROLE: 'Your groups at the provider give you no role here. Ask an admin to map one of your groups.',
  ACCOUNT_DISABLED: 'This account is disabled. Ask an admin.',
  SSO_LAST_ADMIN:
    'The provider no longer gives you the admin role, but you are the last active admin. Sign in with your password, or ask the provider’s admin.',
  SSO_USERNAME_TAKEN: 'An account here already has your name but is not linked to you. Ask an admin.',
  SSO_LOGIN_EXPIRED: 'That sign-in was not started in this browser, or took too long. Try again.',
  SSO_PROVIDER_ERROR: 'The provider did not sign you in. Try again.',
  SSO_RESPONSE_INVALID: 'The provider’s answer did not pass its checks. Try again.',
  SSO_PROVIDER_UNREACHABLE:
    'The provider cannot be reached right now. Try again shortly, or sign in with your password if you have one.',
  SSO_CLIENT_REJECTED:
    'Single sign-on is not set up correctly on this server (the provider does not accept it). Tell your admin; trying again will not help.',
  TOO_MANY_ATTEMPTS: 'Too many failed sign-ins from here; wait a few minutes and try again.',
} as const;
export type SsoSignInError = keyof typeof SSO_SIGN_IN_ERRORS;
