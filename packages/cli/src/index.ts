export { CliError, EXIT } from './io.ts';
