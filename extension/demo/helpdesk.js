// The demo helpdesk's own behaviour: "Send" only shows a note; nothing leaves the page.
document.getElementById('send').addEventListener('click', () => {
  document.getElementById('toast').hidden = false;
});
for (const tab of document.querySelectorAll('.reply-tabs button')) {
  tab.addEventListener('click', () => {
    for (const b of document.querySelectorAll('.reply-tabs button')) {
      b.classList.toggle('on', b === tab);
      b.setAttribute('aria-selected', String(b === tab));
    }
  });
}
