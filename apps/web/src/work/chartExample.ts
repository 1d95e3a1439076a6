/**
 * The one example of a chart number every screen gives (Request status, New request's patient field
 * as the bundled workflows word it, the audit search, the form designer's hint), so the desk never
 * reads two different patients as the example of one thing.
 */
export const CHART_NUMBER_EXAMPLE = 'DEMO-5001';
