export { type ClockStyle, calendarDate, clockTime, dateInYear } from './clinic-dates.ts';
export { conditionWords } from './condition-words.ts';
export { csvCell, csvLine, csvText, formulaStarts } from './csv.ts';
export { editDistance } from './distance.ts';
export {
  createHelpSearch,
  HELP_FIELD_WEIGHTS,
  type HelpMatch,
  type Searchable,
  searchHelp,
} from './help-search.ts';
export { helpSlug } from './help-slug.ts';
export { type Block, type Inline, parseInline, parseMarkup, plainText, safeHref } from './markup.ts';
export {
  type Range,
  type SearchDocument,
  type SearchHit,
  SearchIndex,
  type SearchOptions,
  segments,
  snippet,
} from './search.ts';
export { stem } from './stem.ts';
export { fold, STOP_WORDS, type Token, tokenize } from './tokenize.ts';
export { type CaptionCue, type CaptionParse, captionText, parseWebVtt } from './webvtt.ts';
export { idToWords } from './words.ts';
export { zonedIso } from './zoned-time.ts';
