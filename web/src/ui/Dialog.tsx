// Modal dialog on the native <dialog>: showModal() makes the page behind inert (focus stays inside),
// Escape closes it, and focus goes back to whatever opened it.
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  description?: ReactNode;
  /** Blocks Escape/backdrop closing while a request runs or a secret has not been acknowledged. */
  dismissible?: boolean;
  size?: 'small' | 'medium' | 'large';
  role?: 'dialog' | 'alertdialog';
}

export function Dialog({ title, onClose, children, description, dismissible = true, size = 'medium', role }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const onCloseRef = useRef(onClose);
  const dismissibleRef = useRef(dismissible);
  useEffect(() => {
    onCloseRef.current = onClose;
    dismissibleRef.current = dismissible;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    const autofocus = dialog.querySelector<HTMLElement>('[data-autofocus]');
    (autofocus ?? dialog.querySelector<HTMLElement>('input, select, textarea, button:not(.dialog-close)') ?? dialog).focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      if (dismissibleRef.current) onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (opener && document.contains(opener)) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      role={role}
      onMouseDown={(e) => {
        if (e.target === ref.current && dismissible) onClose();
      }}
    >
      <div className="dialog-inner">
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          {dismissible && (
            <button type="button" className="icon-button dialog-close" aria-label="Close dialog" onClick={onClose}>
              <svg aria-hidden="true" viewBox="0 0 20 20" width="18" height="18"><path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" /></svg>
            </button>
          )}
        </header>
        {description && <div id={descId} className="dialog-description">{description}</div>}
        {children}
      </div>
    </dialog>
  );
}

interface ConfirmProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  onClose: () => void;
  busy?: boolean;
  error?: string;
  danger?: boolean;
}

export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose, busy, error, danger = true }: ConfirmProps) {
  return (
    <Dialog title={title} onClose={onClose} dismissible={!busy} size="small" role="alertdialog" description={children}>
      {error && <p className="alert alert-error" role="alert">{error}</p>}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} disabled={busy} data-autofocus>
          Cancel
        </button>
        <button type="button" className={`button ${danger ? 'button-danger' : 'button-primary'}`} onClick={() => void onConfirm()} disabled={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
