import { Image, Skeleton } from '@mantine/core';
import { useEffect, useState } from 'react';

/**
 * The otpauth:// URI as a QR code for a phone's authenticator app to scan. Rendered in the browser
 * to a data: URL image (the CSP allows data: images; no inline script), so the secret never leaves it.
 * The QR library is fetched here, once someone sets up two-factor, not with the sign-in page everyone
 * opens (~64 kB of source, ~7 kB on the wire).
 */
export function OtpQrCode({ uri }: { uri: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    import('./qrCode.ts')
      .then(({ qrDataUrl }) => qrDataUrl(uri))
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [uri]);
  if (!src) return <Skeleton w={200} h={200} />;
  return (
    <Image
      src={src}
      w={200}
      h={200}
      alt="QR code to scan with your authenticator app"
      data-testid="totp-qr"
    />
  );
}
