import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { api, fieldError, formError } from '../../api.js';
import { useDocumentTitle } from '../../hooks.js';
import { Link, navigate } from '../../router.js';
import { useSession } from '../../session.js';
import type { Me } from '../../types.js';
import { Alert, FieldError } from '../../ui/common.js';
import { Logo } from '../../ui/icons.js';

function AuthFrame({ title, subtitle, children, footer }: { title: string; subtitle: string; children: ReactNode; footer: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="auth">
      <main className="auth-main" id="main">
        <div className="auth-brand"><Logo /> CargoLint</div>
        <div className="card auth-card">
          <h1>{title}</h1>
          <p className="muted">{subtitle}</p>
          {children}
        </div>
        <p className="auth-footer">{footer}</p>
      </main>
      <aside className="auth-aside" aria-label="About CargoLint">
        <h2>Clear documents, fewer holds at the border.</h2>
        <ul>
          <li>Lint invoices, packing lists and bills of lading before they reach customs.</li>
          <li>See every finding with the exact field and a hint to fix it.</li>
          <li>Push results to your own systems through signed webhooks.</li>
        </ul>
      </aside>
    </div>
  );
}

interface TextFieldProps {
  label: string;
  name: string;
  type?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  autoComplete?: string;
  hint?: string;
  required?: boolean;
  optional?: boolean;
}

export function TextField({ label, name, type = 'text', value, onChange, error, autoComplete, hint, required, optional }: TextFieldProps) {
  const id = useId();
  const errId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}{optional && <span className="optional"> (optional)</span>}</label>
      <input
        id={id}
        name={name}
        className="input"
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete={autoComplete}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint && <p className="field-hint" id={hintId}>{hint}</p>}
      <FieldError id={errId} message={error} />
    </div>
  );
}

function nextPath(): string {
  const next = new URLSearchParams(window.location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/documents';
}

export function LoginPage() {
  const { signedIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await api.post<Me>('/auth/login', { email: email.trim(), password });
      const target = nextPath();
      signedIn(me);
      navigate(target, { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const banner = formError(error, ['email', 'password']);
  return (
    <AuthFrame
      title="Log in to CargoLint"
      subtitle="Welcome back. Check your documents before customs does."
      footer={<>New to CargoLint? <Link to="/signup">Create an account</Link></>}
    >
      <form onSubmit={submit} noValidate>
        {banner && <Alert>{banner}</Alert>}
        <TextField label="Email" name="email" type="email" value={email} onChange={setEmail} autoComplete="email" required error={fieldError(error, 'email')} />
        <TextField label="Password" name="password" type="password" value={password} onChange={setPassword} autoComplete="current-password" required error={fieldError(error, 'password')} />
        <button type="submit" className="button button-primary button-block" disabled={busy}>{busy ? 'Logging in…' : 'Log in'}</button>
      </form>
    </AuthFrame>
  );
}

export function SignupPage() {
  const { signedIn } = useSession();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [organization, setOrganization] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = { name: name.trim(), email: email.trim(), password };
      if (organization.trim()) body.organization_name = organization.trim();
      const me = await api.post<Me>('/auth/signup', body, { creates: true });
      signedIn(me);
      navigate('/documents', { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const banner = formError(error, ['name', 'email', 'password', 'organization_name']);
  return (
    <AuthFrame
      title="Create your CargoLint account"
      subtitle="Set up your organization and lint your first document in a minute."
      footer={<>Already have an account? <Link to="/login">Log in</Link></>}
    >
      <form onSubmit={submit} noValidate>
        {banner && <Alert>{banner}</Alert>}
        <TextField label="Your name" name="name" value={name} onChange={setName} autoComplete="name" required error={fieldError(error, 'name')} />
        <TextField label="Work email" name="email" type="email" value={email} onChange={setEmail} autoComplete="email" required error={fieldError(error, 'email')} />
        <TextField label="Password" name="password" type="password" value={password} onChange={setPassword} autoComplete="new-password" required hint="At least 10 characters." error={fieldError(error, 'password')} />
        <TextField label="Organization name" name="organization_name" value={organization} onChange={setOrganization} autoComplete="organization" optional hint="Your brokerage or forwarding company. You can use your own name." error={fieldError(error, 'organization_name')} />
        <button type="submit" className="button button-primary button-block" disabled={busy}>{busy ? 'Creating account…' : 'Create account'}</button>
      </form>
    </AuthFrame>
  );
}
