/**
 * A badge's label is never cut ("Acti…", "Publish…"). Mantine's clips it, which lets a table's automatic
 * layout shrink the badge's column below its words whenever another cell holds a long sentence; shown
 * whole, the badge's width is the least its column may take. Pass as a Badge's `styles`.
 */
export const WHOLE_LABEL = { label: { overflow: 'visible' } } as const;
