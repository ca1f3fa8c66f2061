import { useId, useRef, useState } from 'react';

async function copyText(text: string, fallbackInput: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallbackInput) return false;
    fallbackInput.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/** A value shown once (signing secret, API key): read-only, monospace, with a Copy button. */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const id = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field">
        <input
          id={id}
          ref={input}
          className="input mono"
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          aria-describedby={hint ? hintId : undefined}
          spellCheck={false}
        />
        <button
          type="button"
          className="button"
          data-autofocus
          onClick={async () => {
            const ok = await copyText(value, input.current);
            setState(ok ? 'copied' : 'failed');
            window.setTimeout(() => setState('idle'), 2500);
          }}
        >
          {state === 'copied' ? 'Copied' : 'Copy'}
          <span className="visually-hidden"> {label}</span>
        </button>
      </div>
      <p className="field-hint" id={hintId} aria-live="polite">
        {state === 'copied' ? 'Copied to the clipboard.' : state === 'failed' ? 'Could not copy: select the text and copy it by hand.' : hint}
      </p>
    </div>
  );
}
