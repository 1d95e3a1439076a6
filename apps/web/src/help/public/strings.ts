/** The public page's own words in each language it offers; entries bring their own language. */
export interface Strings {
  heading: (clinic: string) => string;
  title: string;
  intro: string;
  searchLabel: string;
  searchPlaceholder: string;
  clear: string;
  results: (n: number) => string;
  nothing: (q: string) => string;
  nothingHint: string;
  /** Said first when a search finds nothing: it may have been a symptom, typed at night. */
  nothingEmergency: string;
  /** Said in this language, under a search in another that found nothing: answers here match it. */
  elsewhere: (n: number, q: string) => string;
  /** The button that shows those answers in this language. */
  showElsewhere: string;
  /** A shared link whose answer is gone (renamed, taken off, or the link cut short). */
  linkGone: string;
  /** After switching language with an answer open that has no translation yet. */
  noTranslation: string;
  emergency: string;
  language: string;
  howto: string;
  updated: (date: string) => string;
  /** Said above answers this phone saved earlier, shown because it is offline (the day written out). */
  savedCopy: (date: string | null) => string;
  watch: string;
  video: string;
  /** The disclosure under a clip with what it says. */
  transcript: string;
  /** Under a clip that cannot be fetched (offline, never played here): what to do, where its words are. */
  videoUnavailable: string;
  loading: string;
  notFound: string;
  failed: string;
  retry: string;
  browse: string;
  hoursTitle: string;
  /** Under the hours on a phone set to another zone: whose times they are ("Mountain Time"). */
  hoursZone: (zone: string) => string;
  closed: string;
  closedOn: string;
  /** What a closed day is called in this language; null: the name staff gave it (written in English). */
  closedDay: string | null;
}

export const STRINGS: Record<'en' | 'es', Strings> = {
  en: {
    heading: (clinic) => `${clinic}: portal help`,
    title: 'Portal help',
    intro: 'Answers to common questions about the patient portal. No sign-in needed.',
    searchLabel: 'Search for help',
    searchPlaceholder: 'e.g. password, code',
    clear: 'Clear',
    results: (n) => (n === 1 ? '1 answer found' : `${n} answers found`),
    nothing: (q) => `No answers found for “${q}”.`,
    nothingHint: 'Try fewer words or check the spelling, or call the front desk.',
    nothingEmergency: 'If this is an emergency, call 911 now.',
    elsewhere: (n, q) =>
      n === 1 ? `1 answer in English for “${q}”.` : `${n} answers in English for “${q}”.`,
    showElsewhere: 'Show in English',
    linkGone: 'That answer is not here any more. It may have a new name: search or look below.',
    noTranslation: 'That answer is not in English yet. Here is what we have for the same words.',
    emergency: 'Emergency? Call 911. Do not use the portal for urgent symptoms.',
    language: 'Language',
    howto: 'How-to',
    updated: (date) => `Updated ${date}`,
    savedCopy: (date) =>
      `You are offline: showing the answers saved on this phone${date ? ` on ${date}` : ''}.`,
    watch: 'Watch the video',
    video: 'Video',
    transcript: 'Transcript',
    videoUnavailable: 'The video cannot play now. Check your internet. What it says is under “Transcript”.',
    loading: 'Loading help…',
    notFound: 'We could not find this help page. Check the address, or ask the clinic for it.',
    failed: 'The help page could not load. Check your connection and try again.',
    retry: 'Try again',
    browse: 'All topics',
    hoursTitle: 'Clinic hours',
    hoursZone: (zone) => `These are the clinic's times (${zone}).`,
    closed: 'Closed',
    closedOn: 'Closed on',
    closedDay: null,
  },
  es: {
    heading: (clinic) => `${clinic}: ayuda con el portal`,
    title: 'Ayuda con el portal',
    intro: 'Respuestas a preguntas comunes sobre el portal del paciente. No necesita iniciar sesión.',
    searchLabel: 'Buscar ayuda',
    searchPlaceholder: 'p. ej. contraseña',
    clear: 'Borrar',
    results: (n) => (n === 1 ? '1 respuesta' : `${n} respuestas`),
    nothing: (q) => `No encontramos respuestas para «${q}».`,
    nothingHint: 'Pruebe con menos palabras o revise la ortografía, o llame a la recepción.',
    nothingEmergency: 'Si es una emergencia, llame al 911 ahora.',
    elsewhere: (n, q) =>
      n === 1 ? `Hay 1 respuesta en español para «${q}».` : `Hay ${n} respuestas en español para «${q}».`,
    showElsewhere: 'Ver en español',
    linkGone: 'Esa respuesta ya no está aquí. Puede tener otro nombre: búsquela o mire abajo.',
    noTranslation:
      'Esa respuesta todavía no está en español. Esto es lo que tenemos para las mismas palabras.',
    emergency: '¿Emergencia? Llame al 911. No use el portal para síntomas urgentes.',
    language: 'Idioma',
    howto: 'Guía',
    updated: (date) => `Actualizado el ${date}`,
    savedCopy: (date) =>
      `Está sin conexión: se muestran las respuestas guardadas en este teléfono${date ? ` el ${date}` : ''}.`,
    watch: 'Ver el video',
    video: 'Video',
    transcript: 'Transcripción',
    videoUnavailable:
      'El video no se puede ver ahora. Revise su internet. Lo que dice está en «Transcripción».',
    loading: 'Cargando la ayuda…',
    notFound: 'No encontramos esta página de ayuda. Revise la dirección o pídala en la clínica.',
    failed: 'La página de ayuda no cargó. Revise su conexión e intente de nuevo.',
    retry: 'Intentar de nuevo',
    browse: 'Todos los temas',
    hoursTitle: 'Horario de la clínica',
    hoursZone: (zone) => `Son las horas de la clínica (${zone}).`,
    closed: 'Cerrado',
    closedOn: 'Cerrado el',
    closedDay: 'Clínica cerrada',
  },
};

export const LANGUAGE_NAMES: Record<string, string> = { en: 'English', es: 'Español' };

export function pickLanguage(available: string[], preferred: readonly string[]): string {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0]!;
    if (available.includes(base)) return base;
  }
  return available.includes('en') ? 'en' : (available[0] ?? 'en');
}

export const stringsFor = (lang: string): Strings => STRINGS[lang as 'en' | 'es'] ?? STRINGS.en;
