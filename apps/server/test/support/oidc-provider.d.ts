// oidc-provider ships no types; the tests use a handful of its calls, typed where they are used.
declare module 'oidc-provider' {
  // biome-ignore lint/suspicious/noExplicitAny: the provider's API is used through narrow local types
  const Provider: any;
  export default Provider;
}
