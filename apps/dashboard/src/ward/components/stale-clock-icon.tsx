/** A clock face: a sign gone silent. The words beside it say for how long. */
export function StaleClockIcon() {
  return (
    <svg
      className="stale-clock-icon"
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" strokeWidth="2.4" />
      <path
        d="M12 6.5 V12 L15.5 14.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.4"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
