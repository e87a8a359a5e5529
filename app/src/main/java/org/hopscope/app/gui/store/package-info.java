/**
 * Files of the app: settings (XDG config), autosaved traces (XDG data, atomic writes), opening trace documents.
 */
package org.hopscope.app.gui.store;
