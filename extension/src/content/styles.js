// Package styles: the overlay's CSS. It lives in the overlay's shadow root, so pages cannot restyle it and it
// cannot restyle pages.

/** CSS for the overlay shadow root. */
export const CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
[data-t]::before { content: attr(data-t); }
/* all: initial, so that nothing a page sets on the host (word-spacing, font, letter-spacing) is inherited: how wide
   Sufler's text is drawn would tell a page's elementFromPoint() probes how long it is. */
.marks, .ui { all: initial; position: absolute; left: 0; top: 0; width: 0; height: 0; pointer-events: none; }
.mark { position: absolute; height: 2px; border-radius: 1px; pointer-events: none; opacity: .9; }
.mark.error { background: #d93025; }
.mark.warning { background: #e39400; }
.mark.hint { background: #1a73e8; }
.hl { position: absolute; pointer-events: none; border-radius: 2px; }
.hl.error { background: rgba(217, 48, 37, .12); }
.hl.warning { background: rgba(227, 148, 0, .14); }
.hl.hint { background: rgba(26, 115, 232, .12); }
.panel {
  position: absolute; pointer-events: auto; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1f2328; background: #fff; border: 1px solid #d0d7de; border-radius: 8px;
  box-shadow: 0 6px 24px rgba(31, 35, 40, .18); max-width: 380px;
}
.panel:focus-within { border-color: #8c959f; }
.card { padding: 10px 12px; width: 340px; }
.card .head { display: flex; align-items: center; gap: 6px; font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: #57606a; }
.dot { width: 8px; height: 8px; border-radius: 50%; flex: none; }
.dot.error { background: #d93025; } .dot.warning { background: #e39400; } .dot.hint { background: #1a73e8; }
.card .msg { margin: 4px 0 2px; font-weight: 600; font-size: 14px; }
.card .why { margin: 0 0 8px; color: #57606a; font-size: 12px; }
.card .label { font-size: 11px; color: #57606a; margin: 6px 0 4px; }
.card .reps { display: flex; flex-direction: column; gap: 4px; }
.card .note { font-size: 12px; color: #57606a; margin: 4px 0; }
button {
  all: unset; box-sizing: border-box; cursor: pointer; font: inherit; border-radius: 6px; padding: 4px 8px;
}
button:focus-visible, [role=option][aria-selected=true], button:hover { outline: 2px solid #1a73e8; outline-offset: -2px; }
.rep { background: #eaf2ff; color: #0b3d91; padding: 5px 8px; text-align: left; white-space: normal; }
.foot { display: flex; flex-wrap: wrap; gap: 4px 8px; margin-top: 8px; border-top: 1px solid #eaeef2; padding-top: 6px; }
.foot button { color: #57606a; font-size: 12px; padding: 3px 6px; }
.strip { padding: 4px; width: 360px; }
.strip .hint, .search .hint { font-size: 11px; color: #57606a; padding: 2px 6px 4px; }
.opt { display: block; padding: 5px 8px; border-radius: 6px; cursor: pointer; }
.opt .t { font-weight: 600; font-size: 12.5px; }
.opt .p { color: #57606a; font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.opt .p mark { background: #fff3b0; color: inherit; }
.opt[aria-selected=true] { background: #eaf2ff; outline: none; }
/* One size whatever it shows: a page probing the overlay with elementFromPoint() learns neither the segment's
   title nor whether the text it put in the field drew findings. */
.badge {
  position: absolute; pointer-events: auto; display: flex; align-items: center; gap: 5px; height: 22px; width: 168px;
  padding: 0 8px; font: 12px/22px system-ui, sans-serif; color: #1f2328; background: rgba(255, 255, 255, .92);
  border: 1px solid #d0d7de; border-radius: 11px; box-shadow: 0 1px 3px rgba(31, 35, 40, .12); white-space: nowrap;
}
.badge .seg { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; }
.badge .count { flex: none; width: 26px; height: 16px; border-radius: 8px; font-size: 11px; line-height: 16px; text-align: center; color: #fff; }
.badge .count.none { visibility: hidden; }
.badge .count.error { background: #d93025; } .badge .count.warning { background: #e39400; } .badge .count.hint { background: #1a73e8; }
.menu { padding: 4px; width: 280px; display: flex; flex-direction: column; box-sizing: border-box; }
.menu [role=listbox] { overflow-y: auto; min-height: 0; overscroll-behavior: contain; }
[role=listbox]:focus { outline: none; }
.menu .title, .toast .title { font-size: 11px; color: #57606a; padding: 4px 8px; text-transform: uppercase; letter-spacing: .04em; }
.menu .sub { font-size: 11px; color: #57606a; }
.search { padding: 6px; width: 380px; }
.search input {
  all: unset; box-sizing: border-box; display: block; width: 100%; padding: 6px 8px; border: 1px solid #d0d7de;
  border-radius: 6px; font: 13px system-ui, sans-serif; color: #1f2328; background: #fff;
}
.search input:focus { border-color: #1a73e8; }
.search .results { margin-top: 4px; max-height: 260px; overflow: auto; }
.search .empty { padding: 6px 8px; color: #57606a; font-size: 12px; }
.toast { padding: 8px 10px; width: 320px; }
.toast .body { margin: 0 0 6px; }
.toast .actions { display: flex; gap: 8px; }
.toast .actions button { color: #0b3d91; background: #eaf2ff; font-size: 12px; }
[data-sufler-mirror] { white-space: pre-wrap; }
`;
