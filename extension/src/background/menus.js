// Package menus wires the context menu item and the keyboard commands: both are forwarded
// to the content script of the tab they happened in, which does the work in the page.
import { setMenus, onMenuClicked, onCommand, sendToTab, activeTab } from '../browser.js';
import { MSG, COMMANDS } from '../shared/messages.js';
import { t } from '../shared/i18n.js';

/** Context menu item id for «Отметить как сообщение клиента». */
export const MENU_MARK_CUSTOMER = 'sufler-mark-customer';

/** (Re)creates the context menu in the current UI language. */
export function createMenus() {
  return setMenus([{ id: MENU_MARK_CUSTOMER, title: t('menuMarkCustomer'), contexts: ['selection'] }]);
}

async function forward(tabId, msg, frameId) {
  try {
    await sendToTab(tabId, msg, frameId);
  } catch {
    // No content script there (browser pages, the Web Store, a site switched off): nothing to do.
  }
}

/** Listens to menu clicks and commands until signal aborts. */
export function init(signal) {
  onMenuClicked((info, tab) => {
    if (info.menuItemId !== MENU_MARK_CUSTOMER || !tab?.id) return;
    forward(tab.id, { type: MSG.command, command: COMMANDS.markCustomer, selectionText: info.selectionText ?? '' }, info.frameId);
  }, signal);
  onCommand(async (command, tab) => {
    if (!Object.values(COMMANDS).includes(command)) return;
    const target = tab?.id ? tab : await activeTab();
    // All frames get it; only the frame that has focus acts (the editor may be in an iframe).
    if (target?.id) forward(target.id, { type: MSG.command, command });
  }, signal);
}
