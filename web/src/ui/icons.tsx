// Small inline icons (decorative: always aria-hidden, the text next to them names the action).
const common = { 'aria-hidden': true, width: 18, height: 18, viewBox: '0 0 20 20', fill: 'none', stroke: 'currentColor', strokeWidth: 1.6, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

export function Logo() {
  return (
    <svg aria-hidden="true" width="26" height="26" viewBox="0 0 32 32" className="logo">
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <path d="M9 17l4.5 4.5L23 11" stroke="white" strokeWidth="3.2" fill="none" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
export function IconDocuments() {
  return <svg {...common}><path d="M6 2.5h5.5L15.5 6.5v10a1 1 0 0 1-1 1h-8.5a1 1 0 0 1-1-1v-13a1 1 0 0 1 1-1z" /><path d="M11 2.5v4h4.5M7.5 10.5h5M7.5 13.5h5" /></svg>;
}
export function IconWebhook() {
  return <svg {...common}><circle cx="5.5" cy="14" r="2.2" /><circle cx="14.5" cy="14" r="2.2" /><circle cx="10" cy="5.5" r="2.2" /><path d="M9 7.5 6.5 12M11 7.5l2.5 4.5M7.8 14h4.5" /></svg>;
}
export function IconKey() {
  return <svg {...common}><circle cx="6.5" cy="13.5" r="3.5" /><path d="M9 11l7.5-7.5M14 6l2 2M12.5 7.5l1.5 1.5" /></svg>;
}
export function IconPlan() {
  return <svg {...common}><rect x="3" y="4" width="14" height="12" rx="1.5" /><path d="M3 8h14M7 12h3" /></svg>;
}
export function IconUpload() {
  return <svg {...common} width={28} height={28}><path d="M10 13V3.5M6.5 7 10 3.5 13.5 7" /><path d="M3.5 12.5v3a1.5 1.5 0 0 0 1.5 1.5h10a1.5 1.5 0 0 0 1.5-1.5v-3" /></svg>;
}
export function IconChevron({ open }: { open: boolean }) {
  return <svg {...common} width={16} height={16} className={`chevron${open ? ' chevron-open' : ''}`}><path d="M7.5 5l5 5-5 5" /></svg>;
}
export function IconLock() {
  return <svg {...common} width={28} height={28}><rect x="4" y="9" width="12" height="8.5" rx="1.5" /><path d="M6.5 9V6.5a3.5 3.5 0 0 1 7 0V9" /></svg>;
}
export function IconCheck() {
  return <svg {...common} width={16} height={16}><path d="M4.5 10.5l3.5 3.5 7.5-8" /></svg>;
}
export function IconDash() {
  return <svg {...common} width={16} height={16}><path d="M6 10h8" /></svg>;
}
