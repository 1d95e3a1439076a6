import './transcript.css';

/**
 * What a help clip says, as text under it: for whoever cannot play sound or video where they are.
 * Collapsed until asked for; the words are the captions in the answer's own language.
 */
export function Transcript({ text, label }: { text: string; label: string }) {
  if (!text.trim()) return null;
  return (
    <details className="ph-transcript" data-testid="help-transcript">
      <summary>{label}</summary>
      <p>{text}</p>
    </details>
  );
}
