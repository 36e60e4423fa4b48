/**
 * One Content-Security-Policy for both shells: scripts only from the app
 * itself, media only from the app's own media route/scheme, no plugins, no
 * framing. Inline styles stay allowed because wavesurfer.js styles its shadow DOM.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: media:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
