import QRCode from 'qrcode';

/**
 * The QR code library, behind its own module so it is its own chunk (`qrCode-*.js`): fetched when
 * someone sets up two-factor, never with the sign-in page or My work (e2e/budgets.e2e.ts).
 */
export const qrDataUrl = (text: string): Promise<string> =>
  QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 200 });
