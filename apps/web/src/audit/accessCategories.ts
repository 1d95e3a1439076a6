// The access log's category words live with the contract: its screen and its export say the same.
export { CATEGORY_WORDS, categoryWords } from '@portalflow/contract';
