import { PlayCircle } from 'lucide-react';

/**
 * A how-to's video as a plain link: nothing loads from the video host until the reader chooses to
 * go there (no embedded player, no third-party cookies on the help page).
 */
export function VideoLink({ href, label = 'Watch the video' }: { href: string; label?: string }) {
  let host = '';
  try {
    host = new URL(href).hostname;
  } catch {
    return null;
  }
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className="pf-video-link"
      data-testid="help-video-link"
    >
      <PlayCircle size={18} aria-hidden />
      <span>
        {label} <span className="pf-video-host">({host}, opens in a new tab)</span>
      </span>
    </a>
  );
}
